namespace Dataspace.Connector.Transfer;

/// <summary>The answer to a refresh: a new token pair, or an RFC 6749 §5.2 error code with a description safe to send.</summary>
public sealed record EdrRefreshOutcome
{
    /// <summary>The new pair when the refresh succeeded.</summary>
    public IssuedEdr? Edr { get; private init; }

    /// <summary>The RFC 6749 error code (<c>invalid_grant</c>, <c>temporarily_unavailable</c>) when it failed.</summary>
    public string? Error { get; private init; }

    /// <summary>What went wrong, for the consumer's operator.</summary>
    public string? Description { get; private init; }

    /// <summary>A new pair.</summary>
    public static EdrRefreshOutcome Granted(IssuedEdr edr) => new() { Edr = edr };

    /// <summary>The refresh token does not (or no longer) grant anything.</summary>
    public static EdrRefreshOutcome InvalidGrant(string description) => new() { Error = "invalid_grant", Description = description };

    /// <summary>The transfer kept changing under the refresh; the caller may retry.</summary>
    public static EdrRefreshOutcome Busy() => new() { Error = "temporarily_unavailable", Description = "The transfer kept changing; retry the refresh." };
}
