using Dataspace.Connector.Hosting;

namespace Dataspace.Connector.Transfer;

/// <summary>Provider: who may declare break-glass on the data plane (<c>X-Break-Glass</c>); nobody unless listed.</summary>
public sealed class BreakGlassOptions
{
    /// <summary>Member DIDs (<c>did:…</c>) or member roles (e.g. <c>hospital</c>) whose emergency clinicians may break the glass.</summary>
    public List<string> Allowed { get; set; } = [];

    /// <summary>True when <paramref name="did"/>, a member with <paramref name="member"/>'s claims, is listed by DID or role.</summary>
    public bool Admits(string did, MemberOptions? member) =>
        Allowed.Any(entry => IsDid(entry) ? string.Equals(entry, did, StringComparison.Ordinal) : member?.Role is { } role && string.Equals(entry, role, StringComparison.Ordinal));

    /// <summary>Every problem with the list, given the configured <paramref name="members"/>.</summary>
    public IEnumerable<string> Problems(IReadOnlyList<MemberOptions> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        foreach (var entry in Allowed)
        {
            if (string.IsNullOrWhiteSpace(entry))
                yield return "Transfer:BreakGlass:Allowed: entries must not be empty.";
            else if (IsDid(entry) && members.All(m => m.Did != entry))
                yield return $"Transfer:BreakGlass:Allowed: '{entry}' is not in Members.";
            else if (!IsDid(entry) && members.All(m => m.Role != entry))
                yield return $"Transfer:BreakGlass:Allowed: no member has the role '{entry}'.";
        }
    }

    private static bool IsDid(string entry) => entry.StartsWith("did:", StringComparison.Ordinal);
}
