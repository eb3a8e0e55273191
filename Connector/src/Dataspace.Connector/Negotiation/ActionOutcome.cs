namespace Dataspace.Connector.Negotiation;

/// <summary>The result of an action on a negotiation: the negotiation as saved, or why the action was refused.</summary>
/// <param name="Negotiation">The saved negotiation; null when refused.</param>
/// <param name="Status">200 when done; 404, 409 or 400 when refused.</param>
/// <param name="Problem">Why it was refused, for the operator.</param>
/// <param name="Detail">More for the operator, e.g. the full policy explanation.</param>
public sealed record ActionOutcome(ContractNegotiation? Negotiation, int Status, string? Problem = null, string? Detail = null)
{
    /// <summary>A refusal.</summary>
    public static ActionOutcome Refused(int status, string problem, string? detail = null) => new(null, status, problem, detail);
}
