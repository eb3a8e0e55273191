using System.Text.Json;

namespace Dataspace.Catalog.Federation;

/// <summary>
/// Reads a DSP 2025-1 catalog (compacted with the DSP context) into search entries. Properties are accepted under their
/// <c>dct:</c>/<c>dcat:</c> compact names and their full IRIs alike, so peers that compact differently read the same.
/// </summary>
public static class CatalogReader
{
    private const string Health = Vocabulary.HealthDcatAp;

    /// <summary>The datasets of <paramref name="catalog"/>, including nested catalogs.</summary>
    public static IReadOnlyList<CatalogEntry> Read(JsonElement catalog, string participantDid, string? participantCountry)
    {
        var entries = new List<CatalogEntry>();
        Collect(catalog, participantDid, participantCountry, entries, depth: 0);
        return entries;
    }

    private static void Collect(JsonElement catalog, string did, string? country, List<CatalogEntry> entries, int depth)
    {
        if (depth > 8 || catalog.ValueKind != JsonValueKind.Object)
            return;
        foreach (var dataset in Array(catalog, "dataset", Vocabulary.Dcat + "dataset"))
        {
            if (Id(dataset) is not { } id)
                continue;
            var countries = Values(dataset, "dct:spatial", Vocabulary.Dct + "spatial")
                .Select(s => Countries.FromAuthorityIri(s) ?? s).Where(s => s.Length == 2).Distinct().ToList();
            if (countries.Count == 0 && country is not null)
                countries.Add(country);
            var distributions = Array(dataset, "distribution", Vocabulary.Dcat + "distribution").ToList();
            var offers = Array(dataset, "hasPolicy", Vocabulary.Odrl + "hasPolicy").ToList();
            entries.Add(new CatalogEntry
            {
                ParticipantDid = did,
                DatasetId = id,
                Title = Values(dataset, "dct:title", Vocabulary.Dct + "title").FirstOrDefault() ?? id,
                Description = Values(dataset, "dct:description", Vocabulary.Dct + "description").FirstOrDefault() ?? "",
                Keywords = Values(dataset, "dcat:keyword", Vocabulary.Dcat + "keyword").ToList(),
                Publisher = Values(dataset, "dct:publisher", Vocabulary.Dct + "publisher").FirstOrDefault(),
                Countries = countries,
                HealthCategories = Values(dataset, Health + "healthCategory", "healthdcatap:healthCategory").ToList(),
                Formats = distributions.SelectMany(d => Values(d, "format", Vocabulary.Dct + "format")
                    .Concat(Values(d, "dcat:mediaType", Vocabulary.Dcat + "mediaType"))).Distinct().ToList(),
                Purposes = offers.SelectMany(PurposesOf).Distinct().ToList(),
                OfferIds = offers.Select(Id).OfType<string>().ToList(),
                Dataset = dataset.Clone(),
            });
        }
        foreach (var nested in Array(catalog, "catalog", Vocabulary.Dcat + "catalog"))
            Collect(nested, did, country, entries, depth + 1);
    }

    /// <summary>Right operands of every <c>purpose</c> constraint in an offer's permissions, through logical constraints.</summary>
    private static IEnumerable<string> PurposesOf(JsonElement offer)
    {
        foreach (var permission in Array(offer, "permission", Vocabulary.Odrl + "permission"))
        {
            foreach (var purpose in ConstraintPurposes(permission, 0))
                yield return purpose;
        }
    }

    private static IEnumerable<string> ConstraintPurposes(JsonElement node, int depth)
    {
        if (depth > 8)
            yield break;
        foreach (var constraint in Array(node, "constraint", Vocabulary.Odrl + "constraint")
                     .Concat(new[] { "and", "or", "xone", "andSequence" }.SelectMany(op => Array(node, op, Vocabulary.Odrl + op))))
        {
            var left = Values(constraint, "leftOperand", Vocabulary.Odrl + "leftOperand").FirstOrDefault();
            if (left is "purpose" or "odrl:purpose" or Vocabulary.Odrl + "purpose")
            {
                foreach (var value in Values(constraint, "rightOperand", Vocabulary.Odrl + "rightOperand"))
                    yield return value;
            }
            foreach (var nested in ConstraintPurposes(constraint, depth + 1))
                yield return nested;
        }
    }

    private static string? Id(JsonElement node) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static IEnumerable<JsonElement> Array(JsonElement node, params string[] names)
    {
        if (node.ValueKind != JsonValueKind.Object)
            yield break;
        foreach (var name in names)
        {
            if (!node.TryGetProperty(name, out var value))
                continue;
            if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray())
                    yield return item;
            }
            else
            {
                yield return value;
            }
        }
    }

    /// <summary>String values of a property: plain strings, <c>@value</c>s, <c>@id</c>s, in arrays or alone.</summary>
    private static IEnumerable<string> Values(JsonElement node, params string[] names)
    {
        foreach (var value in Array(node, names))
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    yield return value.GetString()!;
                    break;
                case JsonValueKind.Number:
                    yield return value.GetRawText();
                    break;
                case JsonValueKind.Object when value.TryGetProperty("@value", out var literal):
                    yield return literal.ValueKind == JsonValueKind.String ? literal.GetString()! : literal.GetRawText();
                    break;
                case JsonValueKind.Object when value.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String:
                    yield return id.GetString()!;
                    break;
                case JsonValueKind.Object when value.TryGetProperty("http://xmlns.com/foaf/0.1/name", out var name) && name.ValueKind == JsonValueKind.String:
                    yield return name.GetString()!;
                    break;
            }
        }
    }
}
