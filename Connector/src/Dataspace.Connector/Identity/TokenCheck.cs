namespace Dataspace.Connector.Identity;

/// <summary>The verdict on an incoming request's token.</summary>
/// <param name="Outcome">Accepted, not authenticated, or authenticated but not a member.</param>
/// <param name="Caller">The verified caller when accepted.</param>
/// <param name="Reason">Why it was refused; for the operator's log only, never sent to the caller.</param>
public sealed record TokenCheck(TokenCheckOutcome Outcome, VerifiedCaller? Caller, string Reason)
{
    /// <summary>A refusal because the token does not prove who the caller is.</summary>
    public static TokenCheck Unauthenticated(string reason) => new(TokenCheckOutcome.Unauthenticated, null, reason);
}

/// <summary>What a token check concluded.</summary>
public enum TokenCheckOutcome
{
    Accepted,
    Unauthenticated,
    NotMember,
}
