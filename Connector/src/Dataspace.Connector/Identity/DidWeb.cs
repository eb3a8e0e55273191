using System.Net;

namespace Dataspace.Connector.Identity;

/// <summary>The did:web method: a DID from a base URL, and the URL of a DID's document.</summary>
public static class DidWeb
{
    private const string Prefix = "did:web:";

    /// <summary>The DID for a participant reachable at <paramref name="publicUrl"/>, e.g. <c>did:web:127.0.0.1%3A7071</c>.</summary>
    public static string FromUrl(Uri publicUrl)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        var host = publicUrl.IsDefaultPort ? publicUrl.IdnHost : $"{publicUrl.IdnHost}%3A{publicUrl.Port}";
        var path = publicUrl.AbsolutePath.Trim('/');
        return path.Length == 0 ? Prefix + host : Prefix + host + ":" + string.Join(':', path.Split('/').Select(Uri.EscapeDataString));
    }

    /// <summary>Where the DID document of <paramref name="did"/> is served, or an error for a DID that is not a usable did:web.</summary>
    /// <param name="did">The DID to resolve.</param>
    /// <param name="insecureHosts">Hosts allowed over plain http besides loopback.</param>
    public static Uri DocumentUrl(string did, IReadOnlyCollection<string> insecureHosts)
    {
        if (!TryParse(did, insecureHosts, out var url, out var error))
            throw new DidResolutionException(error);
        return url;
    }

    /// <summary>Parses a did:web; <paramref name="error"/> says what is wrong with it otherwise.</summary>
    public static bool TryParse(string did, IReadOnlyCollection<string> insecureHosts, out Uri documentUrl, out string error)
    {
        documentUrl = null!;
        error = "";
        if (string.IsNullOrEmpty(did) || !did.StartsWith(Prefix, StringComparison.Ordinal) || did.Length > 512)
        {
            error = "not a did:web identifier";
            return false;
        }
        var parts = did[Prefix.Length..].Split(':');
        var authority = Uri.UnescapeDataString(parts[0]);
        if (authority.Length == 0 || authority.IndexOfAny(['/', '@', '?', '#', '\\']) >= 0
            || !Uri.TryCreate("http://" + authority, UriKind.Absolute, out var probe) || probe.AbsolutePath != "/")
        {
            error = "invalid did:web host";
            return false;
        }
        var segments = parts.Skip(1).Select(Uri.UnescapeDataString).ToArray();
        if (segments.Any(s => s.Length == 0 || s is "." or ".." || s.Contains('/')))
        {
            error = "invalid did:web path";
            return false;
        }
        // Plain http would let anyone on the path swap the keys, so it is kept to this machine and named test networks.
        var scheme = IsLoopback(probe.Host) || insecureHosts.Contains(probe.Host, StringComparer.OrdinalIgnoreCase) ? "http" : "https";
        var path = segments.Length == 0 ? "/.well-known/did.json" : "/" + string.Join('/', segments.Select(Uri.EscapeDataString)) + "/did.json";
        documentUrl = new Uri($"{scheme}://{authority}{path}");
        return true;
    }

    /// <summary>True for 127.0.0.0/8, ::1 and localhost: the only hosts reachable over plain http by default.</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
