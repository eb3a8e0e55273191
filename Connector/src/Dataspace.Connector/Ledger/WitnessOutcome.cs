using System.Text.Json.Serialization;

namespace Dataspace.Connector.Ledger;

/// <summary>What witnessing one peer's ledger came to.</summary>
/// <param name="Peer">The peer's DID.</param>
/// <param name="Status">The verdict.</param>
/// <param name="TreeSize">The size of the peer's tree head, when one was read.</param>
/// <param name="Detail">Why, in a sentence.</param>
public sealed record WitnessOutcome(
    [property: JsonPropertyName("peer")] string Peer,
    [property: JsonPropertyName("status")] WitnessStatus Status,
    [property: JsonPropertyName("tree_size")] long? TreeSize,
    [property: JsonPropertyName("detail")] string Detail);

/// <summary>The verdicts of a witness.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WitnessStatus>))]
public enum WitnessStatus
{
    /// <summary>The head was consistent with everything seen before; the peer stored our cosignature.</summary>
    Cosigned,

    /// <summary>The head was consistent and remembered, but the peer refused our cosignature.</summary>
    Refused,

    /// <summary>The peer, its DID document or its ledger API could not be read.</summary>
    Unreachable,

    /// <summary>The tree head's signature does not verify with the peer's DID key: not cosigned.</summary>
    BadSignature,

    /// <summary>ALARM: the head contradicts one cosigned before (rewritten, forked or shrunk history): never cosigned.</summary>
    Inconsistent,
}
