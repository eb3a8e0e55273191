using System.Collections.Concurrent;
using Dataspace.ConsentLedger.Consent;
using Dataspace.Fhir.Core;
using Dataspace.Fhir.Search;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The consent decision for one patient and one data-plane request: the patient's Consents are read from the FHIR store
/// at request time (so a withdrawal counts from the next request on), compiled and decided. A Consent that cannot be
/// compiled denies the patient: the chain fails closed. Compiled Consents are kept by their exact stored JSON, so an
/// unchanged Consent is not parsed again while any change (a new version is new JSON) is.
/// </summary>
public sealed class PatientConsents(IFhirStore fhir)
{
    private const int Page = 100;
    private const int MaxCached = 4096;

    private readonly ConcurrentDictionary<string, CompiledConsent> _compiled = new(StringComparer.Ordinal);

    /// <summary>
    /// The decision for <paramref name="patient"/> (<c>Patient/id</c>), <paramref name="purpose"/> (a v3 ActReason code)
    /// and <paramref name="resourceType"/>; <paramref name="breakGlass"/> asks for the break-glass rule (an emergency
    /// purpose overrides the Consents, and the decision says so).
    /// </summary>
    public async Task<ConsentDecision> DecideAsync(
        string patient, string purpose, string resourceType, ImplicitConsentPolicy implicitPolicy, DateTimeOffset at, bool breakGlass, CancellationToken cancellationToken)
    {
        var compiled = new List<CompiledConsent>();
        var query = SearchQueryParser.Parse("Consent", [new("patient", patient)], lenient: false, defaultCount: Page, maxCount: Page).Query;
        var request = new AccessRequest { Patient = patient, Purpose = purpose, ResourceTypes = [resourceType], At = at, BreakGlass = breakGlass };
        while (true)
        {
            var page = await fhir.SearchAsync(query, cancellationToken);
            foreach (var match in page.Matches)
            {
                if (Compile(match.Resource.Json!) is not { } consent)
                    return ConsentDecider.Decide([], request, ImplicitConsentPolicy.DenyAll);
                compiled.Add(consent);
            }
            if (page.Next is not { } next)
                break;
            query = query with { Cursor = next };
        }
        return ConsentDecider.Decide(compiled, request, implicitPolicy);
    }

    /// <summary>
    /// The decisions for each of <paramref name="patients"/> (<c>Patient/id</c>, distinct), in order, as
    /// <see cref="DecideAsync(string, string, string, ImplicitConsentPolicy, DateTimeOffset, bool, CancellationToken)"/>
    /// gives them, from one search of the store for all of them; if any of their Consents cannot be compiled, each
    /// patient is decided on their own, so only that patient is denied.
    /// </summary>
    public async Task<IReadOnlyList<ConsentDecision>> DecideAsync(
        IReadOnlyList<string> patients, string purpose, string resourceType, ImplicitConsentPolicy implicitPolicy, DateTimeOffset at, bool breakGlass,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patients);
        if (patients.Count == 1)
            return [await DecideAsync(patients[0], purpose, resourceType, implicitPolicy, at, breakGlass, cancellationToken)];
        var byPatient = new Dictionary<string, List<CompiledConsent>>(StringComparer.Ordinal);
        foreach (var patient in patients)
            byPatient.TryAdd(ConsentLedger.Consent.FhirReference.Normalize(patient), []);
        var query = SearchQueryParser.Parse("Consent", [new("patient", string.Join(',', patients))], lenient: false, defaultCount: Page, maxCount: Page).Query;
        while (true)
        {
            var page = await fhir.SearchAsync(query, cancellationToken);
            foreach (var match in page.Matches)
            {
                if (Compile(match.Resource.Json!) is not { } consent)
                {
                    var decisions = new List<ConsentDecision>(patients.Count);
                    foreach (var patient in patients)
                        decisions.Add(await DecideAsync(patient, purpose, resourceType, implicitPolicy, at, breakGlass, cancellationToken));
                    return decisions;
                }
                // A Consent found by another of its references than its patient is not that patient's; the decider would skip it too.
                byPatient.GetValueOrDefault(consent.Patient)?.Add(consent);
            }
            if (page.Next is not { } next)
                break;
            query = query with { Cursor = next };
        }
        return [.. patients.Select(patient => ConsentDecider.Decide(byPatient[ConsentLedger.Consent.FhirReference.Normalize(patient)],
            new AccessRequest { Patient = patient, Purpose = purpose, ResourceTypes = [resourceType], At = at, BreakGlass = breakGlass }, implicitPolicy))];
    }

    /// <summary>The compiled form of the Consent stored as <paramref name="json"/>, or null when it cannot be compiled.</summary>
    private CompiledConsent? Compile(string json)
    {
        if (_compiled.TryGetValue(json, out var cached))
            return cached;
        CompiledConsent compiled;
        try
        {
            compiled = ConsentCompiler.Compile(FhirJson.Parse<Hl7.Fhir.Model.Consent>(json));
        }
        catch (Exception e) when (e is InvalidConsentException or FormatException or InvalidOperationException)
        {
            return null;
        }
        // A crude bound: superseded versions are never looked up again, so an occasional clear costs one parse each.
        if (_compiled.Count >= MaxCached)
            _compiled.Clear();
        _compiled[json] = compiled;
        return compiled;
    }
}
