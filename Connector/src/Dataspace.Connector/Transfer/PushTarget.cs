namespace Dataspace.Connector.Transfer;

/// <summary>
/// Where and what a FHIR-PUSH transfer delivers, kept in the transfer's document on both sides. Only the provider holds
/// the consumer's token (it must present it); the consumer keeps only its SHA-256, so its database cannot replay it.
/// </summary>
public sealed record PushTarget
{
    /// <summary>The consumer's receiver URL, checked against its DID document.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The resources to push.</summary>
    public required PushSelection Selection { get; init; }

    /// <summary>Provider: the bearer token the consumer minted for this transfer; dropped when the transfer ends.</summary>
    public string? Token { get; init; }

    /// <summary>Consumer: the SHA-256 of that token; dropped when the transfer ends, so nothing is accepted after.</summary>
    public string? TokenHash { get; init; }

    /// <summary>The target without its secrets, for an ended transfer.</summary>
    public PushTarget Spent() => this with { Token = null, TokenHash = null };
}
