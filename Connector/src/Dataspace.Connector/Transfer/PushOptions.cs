namespace Dataspace.Connector.Transfer;

/// <summary>How FHIR-PUSH transfers run (<c>Transfer:Push</c>): the receiver's size cap, the provider's timeout and attempts.</summary>
public sealed class PushOptions
{
    /// <summary>Consumer: the largest delivery the receiver stores; a larger one is refused with 413 and nothing is kept.</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Provider: how long one push may take. It is cut to just under <c>Outbox:LeaseDuration</c>, since a push outliving
    /// its lease would be taken up a second time.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(50);

    /// <summary>Provider: pushes tried (the outbox backs off between them) before the transfer is terminated.</summary>
    public int Attempts { get; set; } = 5;
}
