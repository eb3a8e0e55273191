namespace Dataspace.Connector.Negotiation;

/// <summary>The contract policy's decision on a negotiation, in negotiation scope.</summary>
/// <param name="Permitted">True when at least one of the consumer's entitled purposes is permitted.</param>
/// <param name="SafeReason">What the consumer may be told.</param>
/// <param name="Explanation">The full explanation for the operator, one decision per purpose.</param>
public sealed record PolicyVerdict(bool Permitted, string SafeReason, string Explanation);
