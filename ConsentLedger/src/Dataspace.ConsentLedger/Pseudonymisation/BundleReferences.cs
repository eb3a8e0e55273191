using System.Collections.Frozen;
using Hl7.Fhir.Model;

namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>
/// Resolves the <c>urn:uuid:</c> and absolute fullUrls of a Bundle to <c>Type/id</c>, so references between entries
/// (Synthea's transaction bundles use only these) get the same pseudonym as the resource they point at.
/// </summary>
public static class BundleReferences
{
    /// <summary>A map from each entry's fullUrl to <c>Type/id</c>; entries without fullUrl, resource or id are left out.</summary>
    public static FrozenDictionary<string, string> Of(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in bundle.Entry)
        {
            if (entry.FullUrl is { Length: > 0 } fullUrl && entry.Resource is { Id: { Length: > 0 } id } resource)
            {
                map[fullUrl] = resource.TypeName + "/" + id;
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
