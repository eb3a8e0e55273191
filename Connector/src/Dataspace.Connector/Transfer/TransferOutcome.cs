namespace Dataspace.Connector.Transfer;

/// <summary>The result of an action on a transfer: the transfer as saved, or why the action was refused.</summary>
/// <param name="Transfer">The saved transfer; null when refused.</param>
/// <param name="Status">200 when done; 404 or 409 when refused.</param>
/// <param name="Problem">Why it was refused, for the operator.</param>
public sealed record TransferOutcome(TransferProcess? Transfer, int Status, string? Problem = null)
{
    /// <summary>A refusal.</summary>
    public static TransferOutcome Refused(int status, string problem) => new(null, status, problem);
}
