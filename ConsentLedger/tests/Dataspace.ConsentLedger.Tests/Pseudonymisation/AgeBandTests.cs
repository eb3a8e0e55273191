using Dataspace.ConsentLedger.Pseudonymisation;

namespace Dataspace.ConsentLedger.Tests.Pseudonymisation;

public sealed class AgeBandTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 30);

    [Theory]
    [InlineData("1974-12-25", 5, 50, 54)]
    [InlineData("1976-11-30", 5, 50, 54)]
    [InlineData("1976-12-01", 5, 45, 49)]
    [InlineData("1976", 10, 50, 59)]
    [InlineData("2026-11-30", 5, 0, 4)]
    [InlineData("1940-01-01", 7, 84, 89)]
    public void The_band_holds_the_age_in_completed_years(string birthDate, int years, int low, int high)
    {
        var band = AgeBand.Of(birthDate, AsOf, years)!;

        Assert.Equal(low, band.Low!.Value);
        Assert.Equal(high, band.High!.Value);
        Assert.Equal("a", band.Low.Code);
        Assert.Equal(PseudonymisationCodes.Ucum, band.High.System);
    }

    [Fact]
    public void Ages_from_90_share_one_open_band()
    {
        var band = AgeBand.Of("1930-06-01", AsOf, 5)!;

        Assert.Equal(90, band.Low!.Value);
        Assert.Null(band.High);
    }

    [Theory]
    [InlineData("2027-01-01")]
    [InlineData("not a date")]
    public void No_band_for_a_future_or_unreadable_birth_date(string birthDate) =>
        Assert.Null(AgeBand.Of(birthDate, AsOf, 5));
}
