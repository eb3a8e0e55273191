using Dataspace.Fhir.Consents;
using Hl7.Fhir.Model;

namespace Dataspace.Fhir.Tests.Support;

/// <summary>Remembers every Consent change the facade reports.</summary>
public sealed class RecordingConsentObserver : IConsentObserver
{
    private readonly List<(string Id, ConsentChangeKind Kind)> _changes = [];

    /// <summary>The changes so far, in order.</summary>
    public IReadOnlyList<(string Id, ConsentChangeKind Kind)> Changes
    {
        get { lock (_changes) return _changes.ToList(); }
    }

    public Task ConsentChangedAsync(Consent consent, ConsentChangeKind kind, CancellationToken cancellationToken)
    {
        lock (_changes) _changes.Add((consent.Id!, kind));
        return Task.CompletedTask;
    }
}
