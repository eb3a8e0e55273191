using System.Collections.Frozen;
using AssetDataAddress = Dataspace.Catalog.Assets.DataAddress;
using Dataspace.Fhir.Search;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// What an asset's <c>FhirStore</c> data address lets the data plane release: the resource types
/// (<c>resourceTypes</c>, comma-separated; all patient data when absent) and, optionally, only resources with one of the
/// listed codes (<c>code</c>, <c>system|code</c> list) or categories (<c>category</c>). An agreement covers its asset and
/// nothing else, so these restrictions are added to every search the consumer sends, never replaced by it.
/// </summary>
public sealed record AssetScope(FrozenSet<string>? ResourceTypes, string? Code, string? Category)
{
    /// <summary>The data address type the FHIR data plane serves.</summary>
    public const string FhirStoreType = "FhirStore";

    private static readonly FrozenSet<string> Known = FrozenSet.Create(StringComparer.Ordinal, "resourceTypes", "code", "category", "compartment", "pseudonymisationProfile");

    /// <summary>Reads the scope of <paramref name="address"/>; <paramref name="problems"/> names every property that cannot be honoured.</summary>
    public static AssetScope Parse(AssetDataAddress address, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(address);
        var found = new List<string>();
        if (address.Type != FhirStoreType)
        {
            problems = [$"the FHIR data plane serves data addresses of type {FhirStoreType}, not '{address.Type}'"];
            return new AssetScope(FrozenSet<string>.Empty, null, null);
        }
        foreach (var name in address.Properties.Keys.Where(k => !Known.Contains(k)))
            found.Add($"dataAddress.properties.{name} is not a {FhirStoreType} property (known: resourceTypes, code, category, compartment, pseudonymisationProfile)");
        if (address.Properties.TryGetValue("compartment", out var compartment) && compartment != "Patient")
            found.Add("dataAddress.properties.compartment can only be 'Patient': the data plane releases patient data patient by patient");

        FrozenSet<string>? types = null;
        if (address.Properties.TryGetValue("resourceTypes", out var list))
        {
            var names = Split(list);
            foreach (var bad in names.Where(n => !SearchParameters.IsResourceType(n)))
                found.Add($"dataAddress.properties.resourceTypes: '{bad}' is not a FHIR R4 resource type");
            if (names.Count == 0)
                found.Add("dataAddress.properties.resourceTypes is empty");
            types = names.ToFrozenSet(StringComparer.Ordinal);
        }
        var code = Tokens(address, "code", found);
        var category = Tokens(address, "category", found);
        foreach (var (parameter, value) in new[] { ("code", code), ("category", category) })
        {
            if (value is not null && types is not null && types.FirstOrDefault(t => !SearchParameters.For(t).ContainsKey(parameter)) is { } without)
                found.Add($"dataAddress.properties.{parameter} restricts by {parameter}, which {without} does not have");
        }
        problems = found;
        return new AssetScope(types, code, category);
    }

    /// <summary>
    /// The search restrictions for <paramref name="resourceType"/> under this scope, or null when the asset does not
    /// cover that type at all.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>>? FiltersFor(string resourceType)
    {
        if (ResourceTypes is not null && !ResourceTypes.Contains(resourceType))
            return null;
        var parameters = SearchParameters.For(resourceType);
        var filters = new List<KeyValuePair<string, string>>(2);
        foreach (var (parameter, value) in new[] { ("code", Code), ("category", Category) })
        {
            if (value is null)
                continue;
            // A type that cannot be filtered by the asset's restriction would escape it, so it is not covered.
            if (!parameters.ContainsKey(parameter))
                return null;
            filters.Add(new(parameter, value));
        }
        return filters;
    }

    private static string? Tokens(AssetDataAddress address, string name, List<string> problems)
    {
        if (!address.Properties.TryGetValue(name, out var value))
            return null;
        var tokens = Split(value);
        if (tokens.Count == 0 || tokens.Any(t => t.Count(c => c == '|') != 1 || t.StartsWith('|') || t.EndsWith('|')))
            problems.Add($"dataAddress.properties.{name} must list system|code tokens, comma-separated");
        return string.Join(',', tokens);
    }

    private static List<string> Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
