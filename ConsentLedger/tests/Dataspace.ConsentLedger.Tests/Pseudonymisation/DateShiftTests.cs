using Dataspace.ConsentLedger.Pseudonymisation;

namespace Dataspace.ConsentLedger.Tests.Pseudonymisation;

public sealed class DateShiftTests
{
    [Theory]
    [InlineData("2011-12-13T22:28:27+00:00", 30, "2012-01-12T22:28:27+00:00")]
    [InlineData("2011-12-13T22:28:27.453+00:00", -1, "2011-12-12T22:28:27.453+00:00")]
    [InlineData("2015-02-07T13:28:17-05:00", 7, "2015-02-14T13:28:17-05:00")]
    [InlineData("1999-07-02", -15, "1999-06-17")]
    [InlineData("2020-02-28", 1, "2020-02-29")]
    [InlineData("2021-02-28", 1, "2021-03-01")]
    [InlineData("2011-12", 10, "2011-12")]
    [InlineData("2011-12", 30, "2012-01")]
    [InlineData("2011", 30, "2011")]
    [InlineData("2011", -200, "2010")]
    public void Moves_the_calendar_part_and_keeps_precision_time_and_offset(string value, int days, string expected) =>
        Assert.Equal(expected, DateShift.Shift(value, days));

    [Theory]
    [InlineData("")]
    [InlineData("13/12/2011")]
    [InlineData("2011-13-01")]
    [InlineData("2011-02-30")]
    [InlineData("2011-1-5")]
    [InlineData("20111213")]
    [InlineData("2011-12-13 22:28")]
    public void Anything_that_is_not_a_fhir_date_is_refused_rather_than_copied(string value) =>
        Assert.Null(DateShift.Shift(value, 5));

    [Fact]
    public void Intervals_survive_a_shift()
    {
        var first = DateOnly.Parse(DateShift.Shift("2019-12-20", 17)!, System.Globalization.CultureInfo.InvariantCulture);
        var second = DateOnly.Parse(DateShift.Shift("2020-03-01", 17)!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(new DateOnly(2020, 3, 1).DayNumber - new DateOnly(2019, 12, 20).DayNumber, second.DayNumber - first.DayNumber);
    }
}
