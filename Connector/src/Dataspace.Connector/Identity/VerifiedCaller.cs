namespace Dataspace.Connector.Identity;

/// <summary>A counterparty whose self-issued token checked out; its claims feed the policy engine.</summary>
/// <param name="Did">The caller's DID (the token's <c>iss</c> and <c>sub</c>).</param>
/// <param name="TokenId">The token's <c>jti</c>.</param>
public sealed record VerifiedCaller(string Did, string TokenId);
