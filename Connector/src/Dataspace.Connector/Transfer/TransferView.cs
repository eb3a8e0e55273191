using Dataspace.Connector.Negotiation;

namespace Dataspace.Connector.Transfer;

/// <summary>A transfer as the management API shows it: state, both pids, agreement, EDR (without its token) and history.</summary>
public sealed record TransferView(
    string Id, string Role, string State, string CounterPartyDid, string? ProviderPid, string? ConsumerPid, string AgreementId,
    string? AssetId, string Format, EdrView? Edr, IReadOnlyList<TransferEventView> History, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    /// <summary>The view of <paramref name="t"/>.</summary>
    public static TransferView Of(TransferProcess t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var edr = t.Role == NegotiationRole.Consumer && t.DataAddress is { } address
            ? new EdrView(address["endpointType"]?.GetValue<string>(), address["endpoint"]?.GetValue<string>(), DataAddress.Property(address, "authType"))
            : t.TokenExpiresAt is { } expires ? new EdrView(DataAddress.HttpEndpointType, null, "bearer", expires) : null;
        return new(t.Id, t.Role.ToString().ToLowerInvariant(), t.State.ToWire(), t.CounterPartyDid, t.ProviderPid, t.ConsumerPid, t.AgreementId,
            t.AssetId, t.Format, edr,
            t.History.Select(e => new TransferEventView(e.At, e.Message, e.Direction, e.From?.ToWire(), e.To.ToWire(), e.Reason)).ToList(),
            t.CreatedAt, t.UpdatedAt, t.Version);
    }
}

/// <summary>The live endpoint data reference of a STARTED pull, never with its token.</summary>
public sealed record EdrView(string? EndpointType, string? Endpoint, string? AuthType, DateTimeOffset? ExpiresAt = null);

/// <summary>One history entry as the management API shows it.</summary>
public sealed record TransferEventView(DateTimeOffset At, string Message, string Direction, string? From, string To, string? Reason);
