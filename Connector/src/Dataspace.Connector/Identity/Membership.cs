using Dataspace.Connector.Hosting;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Identity;

/// <summary>Which DIDs belong to the dataspace. For now from configuration; verifiable credentials replace it later.</summary>
public sealed class Membership(IOptions<ConnectorOptions> options)
{
    private readonly HashSet<string> _members = new(options.Value.Members, StringComparer.Ordinal);

    /// <summary>True when <paramref name="did"/> is a configured member.</summary>
    public bool IsMember(string did) => _members.Contains(did);

    /// <summary>Every configured member DID.</summary>
    public IReadOnlyCollection<string> Members => _members;
}
