using Dataspace.ConsentLedger.Consent;

namespace Dataspace.Connector.Transfer;

/// <summary>How this connector runs transfer processes.</summary>
public sealed class TransferOptions
{
    /// <summary>Provider: start a valid transfer request on its own (otherwise the operator starts it through the management API).</summary>
    public bool AutoStart { get; set; } = true;

    /// <summary>Provider: how long an EDR token lives; a new start message (refresh, resume) mints a new one.</summary>
    public TimeSpan EdrLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// What the data plane assumes for a patient with no Consent in force: <c>TreatmentOnly</c> (treatment purposes flow,
    /// research and everything else is denied), <c>DenyAll</c> (opt-in) or <c>AllAuthorised</c> (opt-out).
    /// </summary>
    public ImplicitConsentPolicy ImplicitConsent { get; set; } = ImplicitConsentPolicy.TreatmentOnly;
}
