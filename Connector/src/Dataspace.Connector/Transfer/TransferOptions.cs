using Dataspace.ConsentLedger.Consent;

namespace Dataspace.Connector.Transfer;

/// <summary>How this connector runs transfer processes.</summary>
public sealed class TransferOptions
{
    /// <summary>Provider: start a valid transfer request on its own (otherwise the operator starts it through the management API).</summary>
    public bool AutoStart { get; set; } = true;

    /// <summary>Provider: how long an EDR access token lives; a refresh (<c>POST /api/dataplane/v1/token</c>) or a new start message mints a new one.</summary>
    public TimeSpan EdrLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Provider: who may declare break-glass on the data plane; nobody by default.</summary>
    public BreakGlassOptions BreakGlass { get; set; } = new();

    /// <summary>
    /// Provider: a folder of pseudonymisation profile files (<c>*.json</c>) that assets may name besides the built-in ones,
    /// loaded and validated at start; a relative path is resolved against the working directory. None by default.
    /// </summary>
    public string? ProfilesFolder { get; set; }

    /// <summary>
    /// What the data plane assumes for a patient with no Consent in force: <c>TreatmentOnly</c> (treatment purposes flow,
    /// research and everything else is denied), <c>DenyAll</c> (opt-in) or <c>AllAuthorised</c> (opt-out).
    /// </summary>
    public ImplicitConsentPolicy ImplicitConsent { get; set; } = ImplicitConsentPolicy.TreatmentOnly;

    /// <summary>Provider: where the data plane reads released resources — the embedded FHIR store, or an external FHIR R4 server's base URL.</summary>
    public FhirSourceOptions FhirSource { get; set; } = new();

    /// <summary>FHIR-PUSH: the receiver's size cap, the provider's timeout and attempts.</summary>
    public PushOptions Push { get; set; } = new();
}
