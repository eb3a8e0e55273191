using System.Collections.Immutable;
using Dataspace.ConsentLedger.Consent;
using Hl7.Fhir.Model;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>
/// The test oracle for <see cref="Dataspace.Connector.Transfer.JsonDataItem"/>: what a consent's residual filters look
/// at, read from Firely's model (type, reference, and for Observations codes, categories and effective date).
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
