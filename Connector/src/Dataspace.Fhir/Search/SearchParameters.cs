using System.Collections.Frozen;
using Hl7.Fhir.Model;

namespace Dataspace.Fhir.Search;

/// <summary>
/// The search parameters this server supports, per resource type: <c>_id</c> and <c>_lastUpdated</c> everywhere, plus
/// <c>code</c>, <c>category</c>, <c>status</c>, <c>identifier</c>, <c>date</c>, <c>subject</c> and <c>patient</c> wherever
/// FHIR R4 defines them, with the paths of the official definitions (so <c>date</c> is Observation.effective,
/// Encounter.period, Consent.dateTime …).
/// </summary>
public static class SearchParameters
{
    /// <summary>The resource id.</summary>
    public const string Id = "_id";

    /// <summary>meta.lastUpdated.</summary>
    public const string LastUpdated = "_lastUpdated";

    /// <summary>The patient compartment reference.</summary>
    public const string Patient = "patient";

    /// <summary>The date parameter, also the <c>_sort=date</c> key.</summary>
    public const string Date = "date";

    private static readonly FrozenDictionary<string, SearchParamType> Indexed = new Dictionary<string, SearchParamType>
    {
        ["code"] = SearchParamType.Token,
        ["category"] = SearchParamType.Token,
        ["status"] = SearchParamType.Token,
        ["identifier"] = SearchParamType.Token,
        [Date] = SearchParamType.Date,
        ["subject"] = SearchParamType.Reference,
        [Patient] = SearchParamType.Reference,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, FrozenDictionary<string, SearchParameterInfo>> ByType = Build();

    /// <summary>Every resource type this server stores.</summary>
    public static IReadOnlyCollection<string> ResourceTypes => ByType.Keys;

    /// <summary>True for a resource type of FHIR R4 (not an abstract or data type).</summary>
    public static bool IsResourceType(string type) => ByType.ContainsKey(type);

    /// <summary>The indexed parameters of <paramref name="resourceType"/> (not <c>_id</c>/<c>_lastUpdated</c>).</summary>
    public static IReadOnlyDictionary<string, SearchParameterInfo> For(string resourceType) =>
        ByType.TryGetValue(resourceType, out var parameters) ? parameters : FrozenDictionary<string, SearchParameterInfo>.Empty;

    private static FrozenDictionary<string, FrozenDictionary<string, SearchParameterInfo>> Build()
    {
        var result = new Dictionary<string, FrozenDictionary<string, SearchParameterInfo>>();
        foreach (var type in ModelInfo.SupportedResources)
        {
            if (ModelInfo.GetTypeForFhirType(type) is not { IsAbstract: false } clr || !typeof(Resource).IsAssignableFrom(clr))
                continue;
            var parameters = ModelInfo.SearchParameters
                .Where(p => p.Resource == type && p.Name is not null && Indexed.TryGetValue(p.Name, out var expected) && p.Type == expected)
                .Select(p => new SearchParameterInfo(p.Name!, p.Type, PathsOf(type, p), p.Url))
                .Where(p => p.Paths.Count > 0)
                .GroupBy(p => p.Name)
                .ToDictionary(g => g.Key, g => g.First());
            result[type] = parameters.ToFrozenDictionary();
        }
        return result.ToFrozenDictionary();
    }

    private static string[][] PathsOf(string type, SearchParamDefinition definition) =>
        (definition.Path ?? [])
            .Where(p => p.StartsWith(type + ".", StringComparison.Ordinal))
            .Select(p => p[(type.Length + 1)..].Split('.'))
            .Where(segments => segments.All(s => s.Length > 0 && s.All(char.IsAsciiLetterOrDigit)))
            .ToArray();
}
