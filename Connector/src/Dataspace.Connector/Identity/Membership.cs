using Dataspace.Connector.Hosting;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Identity;

/// <summary>Which DIDs belong to the dataspace and what is known of them. For now from configuration; verifiable credentials replace it later.</summary>
public sealed class Membership(IOptions<ConnectorOptions> options)
{
    private readonly Dictionary<string, MemberOptions> _members = options.Value.Members.ToDictionary(m => m.Did, StringComparer.Ordinal);

    /// <summary>True when <paramref name="did"/> is a configured member.</summary>
    public bool IsMember(string did) => _members.ContainsKey(did);

    /// <summary>The configured member, or null for a stranger.</summary>
    public MemberOptions? Find(string did) => _members.GetValueOrDefault(did);

    /// <summary>Every configured member.</summary>
    public IReadOnlyCollection<MemberOptions> Members => _members.Values;
}
