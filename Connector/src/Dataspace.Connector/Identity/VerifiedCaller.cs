namespace Dataspace.Connector.Identity;

/// <summary>A counterparty whose self-issued token checked out; its claims feed the policy engine.</summary>
/// <param name="Did">The caller's DID (the token's <c>iss</c> and <c>sub</c>).</param>
/// <param name="TokenId">The token's <c>jti</c>.</param>
/// <param name="Country">The member's country as configured, if known.</param>
/// <param name="Role">The member's role as configured, if known.</param>
public sealed record VerifiedCaller(string Did, string TokenId, string? Country, string? Role);
