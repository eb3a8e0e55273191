using Dataspace.ConsentLedger.Consent;
using Dataspace.Fhir.Core;
using Dataspace.Fhir.Search;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The consent decision for one patient and one data-plane request: the patient's Consents are read from the FHIR store
/// at request time (so a withdrawal counts from the next request on), compiled and decided. A Consent that cannot be
/// compiled denies the patient: the chain fails closed.
/// </summary>
public sealed class PatientConsents(IFhirStore fhir)
{
    private const int Page = 100;

    /// <summary>The decision for <paramref name="patient"/> (<c>Patient/id</c>), <paramref name="purpose"/> (a v3 ActReason code) and <paramref name="resourceType"/>.</summary>
    public async Task<ConsentDecision> DecideAsync(
        string patient, string purpose, string resourceType, ImplicitConsentPolicy implicitPolicy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var compiled = new List<CompiledConsent>();
        var query = SearchQueryParser.Parse("Consent", [new("patient", patient)], lenient: false, defaultCount: Page, maxCount: Page).Query;
        var request = new AccessRequest { Patient = patient, Purpose = purpose, ResourceTypes = [resourceType], At = at };
        while (true)
        {
            var page = await fhir.SearchAsync(query, cancellationToken);
            foreach (var match in page.Matches)
            {
                try
                {
                    compiled.Add(ConsentCompiler.Compile(FhirJson.Parse<Hl7.Fhir.Model.Consent>(match.Resource.Json!)));
                }
                catch (Exception e) when (e is InvalidConsentException or FormatException or InvalidOperationException)
                {
                    return ConsentDecider.Decide([], request, ImplicitConsentPolicy.DenyAll);
                }
            }
            if (page.Next is not { } next)
                break;
            query = query with { Cursor = next };
        }
        return ConsentDecider.Decide(compiled, request, implicitPolicy);
    }
}
