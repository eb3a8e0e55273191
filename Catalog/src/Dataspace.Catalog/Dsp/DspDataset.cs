using System.Globalization;
using System.Text.Json.Nodes;
using Dataspace.Catalog.Assets;

namespace Dataspace.Catalog.Dsp;

/// <summary>
/// Writes an asset as a DSP 2025-1 <c>Dataset</c> in the form compaction with the DSP context yields: DSP terms
/// unprefixed, DCAT and Dublin Core through the context's <c>dcat:</c> and <c>dct:</c> prefixes, and HealthDCAT-AP
/// and DPV properties as full IRIs, because the DSP schema only admits context URLs and none is published for them.
/// </summary>
public static class DspDataset
{
    private const string Health = Vocabulary.HealthDcatAp;

    /// <summary>The dataset with its offers and one distribution per transfer type, served by <paramref name="dataServiceId"/>.</summary>
    public static JsonObject Build(Asset asset, IEnumerable<JsonObject> offers, string dataServiceId)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var d = asset.Description;
        var dataset = new JsonObject
        {
            ["@id"] = asset.Id,
            ["@type"] = "Dataset",
            ["dct:title"] = d.Title,
            ["dct:description"] = d.Description,
        };
        if (d.Keywords.Count > 0)
            dataset["dcat:keyword"] = Strings(d.Keywords);
        if (d.Publisher is { } publisher)
            dataset["dct:publisher"] = IsIri(publisher) ? Ref(publisher) : new JsonObject { ["http://xmlns.com/foaf/0.1/name"] = publisher };
        dataset["dcat:theme"] = new JsonArray(d.Themes.Select(t => (JsonNode)Ref(Vocabulary.DataTheme + t)).ToArray());
        dataset["dct:accessRights"] = Ref(Vocabulary.AccessRight + d.AccessRights);
        dataset["http://data.europa.eu/r5r/applicableLegislation"] = Ref(Vocabulary.EhdsRegulation);
        if (d.HealthCategories.Count > 0)
            dataset[Health + "healthCategory"] = new JsonArray(d.HealthCategories.Select(c => (JsonNode)(IsIri(c) ? Ref(c) : JsonValue.Create(c))).ToArray());
        if (d.NumberOfRecords is { } records)
            dataset[Health + "numberOfRecords"] = Typed(records.ToString(CultureInfo.InvariantCulture), "xsd:nonNegativeInteger");
        if (d.NumberOfUniqueIndividuals is { } individuals)
            dataset[Health + "numberOfUniqueIndividuals"] = Typed(individuals.ToString(CultureInfo.InvariantCulture), "xsd:nonNegativeInteger");
        if (d.TypicalAge?.Min is { } min)
            dataset[Health + "minTypicalAge"] = Typed(min.ToString(CultureInfo.InvariantCulture), "xsd:nonNegativeInteger");
        if (d.TypicalAge?.Max is { } max)
            dataset[Health + "maxTypicalAge"] = Typed(max.ToString(CultureInfo.InvariantCulture), "xsd:nonNegativeInteger");
        if (d.Temporal is { } period)
            dataset["dct:temporal"] = Period(period);
        if (d.Countries.Count > 0)
            dataset["dct:spatial"] = new JsonArray(d.Countries.Select(c => (JsonNode)(Countries.AuthorityIri(c) is { } iri ? Ref(iri) : JsonValue.Create(c))).ToArray());
        if (d.PersonalData.Count > 0)
            dataset[Vocabulary.Dpv + "hasPersonalData"] = Refs(d.PersonalData.Select(DpvIri));
        if (d.LegalBases.Count > 0)
            dataset[Vocabulary.Dpv + "hasLegalBasis"] = Refs(d.LegalBases.Select(DpvIri));
        if (d.RetentionPeriod is { } retention)
            dataset[Health + "retentionPeriod"] = Typed(retention, "xsd:duration");

        var offerArray = new JsonArray(offers.Select(o => (JsonNode)o).ToArray());
        if (offerArray.Count > 0)
            dataset["hasPolicy"] = offerArray;
        dataset["distribution"] = new JsonArray(d.TransferTypes.Select(t =>
        {
            var distribution = new JsonObject { ["@type"] = "Distribution", ["format"] = t, ["accessService"] = dataServiceId };
            if (d.MediaTypes.Count > 0)
                distribution["dcat:mediaType"] = Strings(d.MediaTypes);
            return (JsonNode)distribution;
        }).ToArray());
        return dataset;
    }

    private static JsonObject Period(PeriodOfTime period)
    {
        var node = new JsonObject { ["@type"] = "dct:PeriodOfTime" };
        if (period.Start is { } start)
            node["dcat:startDate"] = Typed(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "xsd:date");
        if (period.End is { } end)
            node["dcat:endDate"] = Typed(end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "xsd:date");
        return node;
    }

    /// <summary>DPV terms may be given as local names (<c>HealthRecord</c>) or IRIs.</summary>
    private static string DpvIri(string term) => IsIri(term) ? term : Vocabulary.Dpv + term;

    private static bool IsIri(string value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1;

    private static JsonObject Ref(string iri) => new() { ["@id"] = iri };

    private static JsonArray Refs(IEnumerable<string> iris) => new(iris.Select(i => (JsonNode)Ref(i)).ToArray());

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static JsonObject Typed(string value, string type) => new() { ["@value"] = value, ["@type"] = type };
}
