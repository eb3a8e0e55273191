using System.Collections.Immutable;
using Dataspace.ConsentLedger.Consent;
using Hl7.Fhir.Model;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// What a consent's residual filters look at in a stored resource: type, reference, and for Observations their codes,
/// categories and effective date (other types are judged by type and reference; an undated item counts as inside a
/// dated deny, as the decider requires).
/// </summary>
public static class FhirDataItem
{
    /// <summary>The consent-relevant facts of <paramref name="resource"/>.</summary>
    public static DataItem Of(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var item = new DataItem { ResourceType = resource.TypeName, Reference = resource.TypeName + "/" + resource.Id };
        return resource is Observation observation
            ? item with
            {
                Codes = Keys(observation.Code?.Coding),
                Classes = Keys(observation.Category.SelectMany(c => c.Coding)),
                Date = FhirInstant.TryParse(observation.Effective switch
                {
                    FhirDateTime effective => effective.Value,
                    Period period => period.Start,
                    _ => null,
                }, out var span) ? span.Start : null,
            }
            : item;
    }

    private static ImmutableArray<CodeKey> Keys(IEnumerable<Coding>? codings) =>
        codings is null ? [] : [.. codings.Select(CodeKey.From)];
}
