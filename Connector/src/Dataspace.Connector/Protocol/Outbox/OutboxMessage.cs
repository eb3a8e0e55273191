namespace Dataspace.Connector.Protocol.Outbox;

/// <summary>An outbox entry leased by this replica for one attempt.</summary>
/// <param name="Id">The row id.</param>
/// <param name="ProcessId">The process it belongs to.</param>
/// <param name="Topic">The handler's topic.</param>
/// <param name="Name">The DSP message type or local step name.</param>
/// <param name="PeerDid">The peer; null for a local step.</param>
/// <param name="Path">Path below the peer's DSP base.</param>
/// <param name="Body">The message JSON.</param>
/// <param name="Attempts">Attempts made before this one.</param>
public sealed record OutboxMessage(string Id, string ProcessId, string Topic, string Name, string? PeerDid, string? Path, string? Body, long Attempts)
{
    /// <summary>True for a local step rather than a message to a peer.</summary>
    public bool IsStep => PeerDid is null;
}
