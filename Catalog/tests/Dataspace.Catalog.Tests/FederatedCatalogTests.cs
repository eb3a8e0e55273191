using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Catalog.Assets;
using Dataspace.Catalog.Dsp;
using Dataspace.Catalog.Federation;

namespace Dataspace.Catalog.Tests;

public sealed class FederatedCatalogTests
{
    private const string Hospital = "did:web:hospital.example";
    private const string Institute = "did:web:institute.example";

    private static JsonObject Offer(string id, params string[] purposes) => new()
    {
        ["@id"] = id,
        ["@type"] = "Offer",
        ["permission"] = new JsonArray(new JsonObject
        {
            ["action"] = "use",
            ["constraint"] = new JsonArray(new JsonObject
            {
                ["or"] = new JsonArray(purposes.Select(p => (JsonNode)new JsonObject { ["leftOperand"] = "purpose", ["operator"] = "eq", ["rightOperand"] = p }).ToArray()),
            }),
        }),
    };

    private static JsonElement CatalogOf(string did, params (Asset Asset, JsonObject Offer)[] datasets)
    {
        var catalog = new JsonObject
        {
            ["@context"] = new JsonArray("https://w3id.org/dspace/2025/1/context.jsonld"),
            ["@id"] = did + "#catalog",
            ["@type"] = "Catalog",
            ["participantId"] = did,
            ["dataset"] = new JsonArray(datasets.Select(d => (JsonNode)DspDataset.Build(d.Asset, [d.Offer], did + "#dsp")).ToArray()),
        };
        return JsonDocument.Parse(catalog.ToJsonString()).RootElement;
    }

    private static FederatedCatalogIndex Index() => FederatedCatalogIndex.Build(
        CatalogReader.Read(CatalogOf(Hospital, (SampleAssets.Cardiology, Offer("o1", "TREAT")), (SampleAssets.AmbulanceEcg, Offer("o2", "ETREAT"))), Hospital, "LU")
            .Concat(CatalogReader.Read(CatalogOf(Institute, (SampleAssets.WearableTrends, Offer("o3", "HRESCH", "PUBHLTH"))), Institute, "LU")));

    [Fact]
    public void The_dataset_json_carries_healthdcat_ap_facts_and_never_the_data_address()
    {
        var json = DspDataset.Build(SampleAssets.Cardiology, [Offer("o1", "TREAT")], Hospital + "#dsp").ToJsonString();
        Assert.Contains("\"dct:title\":\"Cardiology patient records\"", json, StringComparison.Ordinal);
        Assert.Contains("http://healthdataportal.eu/ns/health#numberOfUniqueIndividuals", json, StringComparison.Ordinal);
        Assert.Contains("http://publications.europa.eu/resource/authority/country/LUX", json, StringComparison.Ordinal);
        Assert.Contains("\"format\":\"FHIR-PUSH\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", json, StringComparison.Ordinal);
        Assert.DoesNotContain("FhirStore", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_catalog_recovers_the_searchable_facts()
    {
        var entries = CatalogReader.Read(CatalogOf(Hospital, (SampleAssets.Cardiology, Offer("o1", "TREAT"))), Hospital, "LU");
        var entry = Assert.Single(entries);
        Assert.Equal(("cardiology-records", "Cardiology patient records"), (entry.DatasetId, entry.Title));
        Assert.Equal(["LU"], entry.Countries);
        Assert.Equal(["EHR"], entry.HealthCategories);
        Assert.Equal(["TREAT"], entry.Purposes);
        Assert.Equal(["o1"], entry.OfferIds);
        Assert.Contains("application/fhir+ndjson", entry.Formats);
        Assert.Equal("https://www.hopitauxschuman.lu", entry.Publisher);
    }

    [Fact]
    public void Free_text_matches_word_prefixes_in_title_description_and_keywords()
    {
        var index = Index();
        Assert.Equal(["cardiology-records"], index.Query(new CatalogQuery { Text = "cardio" }).Hits.Select(h => h.DatasetId));
        Assert.Equal(["ambulance-ecg-stream"], index.Query(new CatalogQuery { Text = "ECG live" }).Hits.Select(h => h.DatasetId));
        Assert.Empty(index.Query(new CatalogQuery { Text = "ECG wearables" }).Hits);
        Assert.Equal(3, index.Query(new CatalogQuery()).Total);
    }

    [Fact]
    public void Facets_filter_and_count()
    {
        var result = Index().Query(new CatalogQuery { HealthCategories = ["MEDICAL_DEVICE_DATA"] });
        Assert.Equal(2, result.Total);
        Assert.Equal(1, result.Facets["participant"][Hospital]);
        Assert.Equal(1, result.Facets["participant"][Institute]);
        Assert.Equal(1, result.Facets["country"]["DE"]);

        var research = Index().Query(new CatalogQuery { Purposes = ["HRESCH"] });
        Assert.Equal(["wearable-trends"], research.Hits.Select(h => h.DatasetId));
        Assert.Equal(["cardiology-records"], Index().Query(new CatalogQuery { Formats = ["FHIR-PUSH"] }).Hits.Select(h => h.DatasetId));
        Assert.Equal(2, Index().Query(new CatalogQuery { Participants = [Hospital] }).Total);
    }

    [Fact]
    public void Paging_keeps_the_total()
    {
        var page = Index().Query(new CatalogQuery { Offset = 1, Limit = 1 });
        Assert.Equal(3, page.Total);
        Assert.Single(page.Hits);
    }
}
