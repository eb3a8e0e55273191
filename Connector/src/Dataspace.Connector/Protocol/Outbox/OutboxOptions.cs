namespace Dataspace.Connector.Protocol.Outbox;

/// <summary>How the durable outbox retries and leases its work.</summary>
public sealed class OutboxOptions
{
    /// <summary>The wait before the first retry; each further failure doubles it, up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before a message is given up and its process told so.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How long a replica holds a leased message; a crashed replica's work is picked up after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest the dispatcher sleeps without a signal, so that work written by other replicas is found.</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages sent at the same time.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>Every problem with these settings.</summary>
    public IEnumerable<string> Problems()
    {
        if (RetryBase <= TimeSpan.Zero || RetryMax < RetryBase)
            yield return "Outbox:RetryBase must be positive and at most Outbox:RetryMax.";
        if (MaxAttempts < 1)
            yield return "Outbox:MaxAttempts must be at least 1.";
        if (LeaseDuration <= TimeSpan.Zero || IdlePoll <= TimeSpan.Zero)
            yield return "Outbox:LeaseDuration and Outbox:IdlePoll must be positive.";
        if (Concurrency < 1)
            yield return "Outbox:Concurrency must be at least 1.";
    }
}
