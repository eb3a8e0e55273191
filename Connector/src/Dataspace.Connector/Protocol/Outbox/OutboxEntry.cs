using System.Text.Json.Nodes;

namespace Dataspace.Connector.Protocol.Outbox;

/// <summary>
/// Work written to the outbox in the same transaction as the state change that calls for it: either a DSP message to a
/// peer, or a local step of the process (an automatic response) that must survive a restart.
/// </summary>
/// <param name="ProcessId">The negotiation or transfer the work belongs to; its entries are handled in order.</param>
/// <param name="Topic">Which <see cref="IOutboxHandler"/> hears about the outcome.</param>
/// <param name="Name">The DSP message type, or the name of the local step.</param>
/// <param name="PeerDid">The peer to send to; null for a local step.</param>
/// <param name="Path">Path below the peer's DSP base.</param>
/// <param name="Body">The message.</param>
public sealed record OutboxEntry(string ProcessId, string Topic, string Name, string? PeerDid, string? Path, JsonObject? Body)
{
    /// <summary>A DSP message POSTed to <paramref name="path"/> under the peer's DSP base, found through its DID.</summary>
    public static OutboxEntry Send(string processId, string topic, string peerDid, string path, JsonObject message) =>
        new(processId, topic, message["@type"]?.GetValue<string>() ?? "message", peerDid, path, message);

    /// <summary>A local step the handler runs later, durably.</summary>
    public static OutboxEntry Step(string processId, string topic, string name) => new(processId, topic, name, null, null, null);
}
