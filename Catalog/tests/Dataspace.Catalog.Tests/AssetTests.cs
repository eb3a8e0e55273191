using Dataspace.Catalog.Assets;
using Dataspace.Catalog.Offers;

namespace Dataspace.Catalog.Tests;

public sealed class AssetTests
{
    [Fact]
    public void The_sample_assets_are_valid() =>
        Assert.All(new[] { SampleAssets.Cardiology, SampleAssets.AmbulanceEcg, SampleAssets.WearableTrends }, a => Assert.Empty(AssetValidator.Validate(a)));

    [Fact]
    public void Every_broken_field_is_named()
    {
        var broken = SampleAssets.Cardiology with
        {
            Id = "has space",
            Description = SampleAssets.Cardiology.Description with
            {
                Title = "",
                Themes = ["HEALTH"],
                NumberOfRecords = 10,
                NumberOfUniqueIndividuals = 11,
                TypicalAge = new AgeRange(90, 35),
                Temporal = new PeriodOfTime(new DateOnly(2026, 1, 1), new DateOnly(2020, 1, 1)),
                Countries = ["Luxembourg"],
                AccessRights = "OPEN",
                RetentionPeriod = "10 years",
                TransferTypes = [],
                MediaTypes = ["fhir"],
                HealthCategories = ["not a code"],
            },
            DataAddress = new DataAddress("", new Dictionary<string, string>()),
        };
        var fields = AssetValidator.Validate(broken).Select(p => p.Field).ToHashSet();
        Assert.Equal(
            new HashSet<string>
            {
                "id", "description/title", "description/themes", "description/numberOfUniqueIndividuals", "description/typicalAge",
                "description/temporal", "description/countries", "description/accessRights", "description/retentionPeriod",
                "description/transferTypes", "description/mediaTypes", "description/healthCategories", "dataAddress/type",
            },
            fields);
    }

    [Fact]
    public void Selectors_match_by_property_and_all_criteria_must_hold()
    {
        var ehr = new AssetSelector([new AssetCriterion("healthCategory", "=", ["EHR"])]);
        Assert.True(ehr.Matches(SampleAssets.Cardiology));
        Assert.False(ehr.Matches(SampleAssets.AmbulanceEcg));
        var both = new AssetSelector([new AssetCriterion("country", "in", ["DE", "FR"]), new AssetCriterion("accessRights", "=", ["RESTRICTED"])]);
        Assert.True(both.Matches(SampleAssets.WearableTrends));
        Assert.False(both.Matches(SampleAssets.Cardiology));
        Assert.True(AssetSelector.All.Matches(SampleAssets.AmbulanceEcg));
    }

    [Theory]
    [InlineData("colour", "=", new[] { "red" }, "unknown property")]
    [InlineData("id", "like", new[] { "x" }, "unknown operator")]
    [InlineData("id", "=", new[] { "a", "b" }, "exactly one")]
    [InlineData("id", "in", new string[0], "at least one")]
    public void Unusable_criteria_say_why(string property, string op, string[] values, string expected) =>
        Assert.Contains(expected, new AssetCriterion(property, op, values).Problem(), StringComparison.Ordinal);

    [Theory]
    [InlineData("definition-1", "cardiology-records")]
    [InlineData("def:with:colons", "asset/with/slashes and spaces")]
    public void Offer_ids_round_trip(string definition, string asset)
    {
        Assert.True(OfferId.TryParse(OfferId.Create(definition, asset), out var d, out var a));
        Assert.Equal((definition, asset), (d, a));
    }

    [Theory]
    [InlineData("urn:uuid:1234")]
    [InlineData("urn:dataspace:offer:only-one-part")]
    [InlineData("urn:dataspace:offer:!!!:???")]
    public void Foreign_offer_ids_are_not_parsed(string offerId) => Assert.False(OfferId.TryParse(offerId, out _, out _));
}
