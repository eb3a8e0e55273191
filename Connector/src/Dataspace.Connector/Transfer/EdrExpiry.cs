using System.Globalization;
using System.Text.Json.Nodes;
using Dataspace.Connector.Negotiation;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// Consumer: when the stored EDR of a transfer expires and whether it is due for a refresh, as pure functions of the
/// transfer. The EDR carries a relative <c>expiresIn</c>; it counts from when the start message was received, or from
/// the latest refresh (<see cref="TransferProcess.TokenExpiresAt"/>), whichever came later.
/// </summary>
public static class EdrExpiry
{
    /// <summary>The most a token is refreshed ahead of its expiry; shorter lifetimes refresh at 10 % of theirs ahead.</summary>
    public static readonly TimeSpan MaxMargin = TimeSpan.FromSeconds(30);

    /// <summary>The <c>expiresIn</c> of <paramref name="address"/>, or null when it has none or a malformed one.</summary>
    public static TimeSpan? Lifetime(JsonObject? address) =>
        long.TryParse(DataAddress.Property(address, "expiresIn"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= int.MaxValue
            ? TimeSpan.FromSeconds(seconds)
            : null;

    /// <summary>When the stored EDR of <paramref name="transfer"/> (a consumer's) expires, or null when that is unknown.</summary>
    public static DateTimeOffset? ExpiresAt(TransferProcess transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        if (transfer.Role != NegotiationRole.Consumer || Lifetime(transfer.DataAddress) is not { } lifetime)
            return null;
        var start = TransferMessages.NameOf(TransferMessageKind.Start);
        DateTimeOffset? fromStart = transfer.History.LastOrDefault(e => e.Direction == "received" && e.Message == start) is { } received
            ? received.At + lifetime
            : null;
        return (fromStart, transfer.TokenExpiresAt) switch
        {
            ({ } a, { } b) => a > b ? a : b,
            ({ } a, null) => a,
            (null, var b) => b,
        };
    }

    /// <summary>How long before expiry a token of <paramref name="lifetime"/> is refreshed: 10 % of it, at most <see cref="MaxMargin"/>.</summary>
    public static TimeSpan Margin(TimeSpan lifetime) => lifetime / 10 < MaxMargin ? lifetime / 10 : MaxMargin;

    /// <summary>True when <paramref name="transfer"/>'s stored EDR expires within its margin of <paramref name="now"/> (or has expired).</summary>
    public static bool IsDue(TransferProcess transfer, DateTimeOffset now) =>
        ExpiresAt(transfer) is { } expires && Lifetime(transfer.DataAddress) is { } lifetime && now >= expires - Margin(lifetime);
}
