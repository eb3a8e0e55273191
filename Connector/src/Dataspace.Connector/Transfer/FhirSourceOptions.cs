using Dataspace.Connector.Identity;

namespace Dataspace.Connector.Transfer;

/// <summary>Provider: where the data plane reads released resources; absent <see cref="BaseUrl"/> means the connector's own FHIR store.</summary>
public sealed class FhirSourceOptions
{
    /// <summary>
    /// The base URL of an external FHIR R4 server (e.g. <c>https://fhir.hospital.lu/fhir</c>) whose search the data plane
    /// reads instead of the embedded store; plain http only on loopback or a host in <c>Identity:InsecureHosts</c>.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>Headers sent with every request to that server, e.g. <c>Authorization</c> or <c>X-Api-Key</c>.</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>How many resources to ask the server for per search page (<c>_count</c>); servers may send fewer.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>How long one search page may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when an external server is configured.</summary>
    public bool IsExternal => !string.IsNullOrWhiteSpace(BaseUrl);

    /// <summary>Every problem with these settings; <paramref name="insecureHosts"/> are the hosts allowed over plain http.</summary>
    public IEnumerable<string> Problems(IReadOnlyCollection<string> insecureHosts)
    {
        ArgumentNullException.ThrowIfNull(insecureHosts);
        if (Timeout <= TimeSpan.Zero)
            yield return "Transfer:FhirSource:Timeout must be positive.";
        if (PageSize is < 1 or > 1000)
            yield return "Transfer:FhirSource:PageSize must be between 1 and 1000.";
        if (!IsExternal)
            yield break;
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            yield return "Transfer:FhirSource:BaseUrl must be an absolute http(s) URL.";
        else if (url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
            yield return "Transfer:FhirSource:BaseUrl must be a base URL without query, fragment or credentials (put credentials in Transfer:FhirSource:Headers).";
        else if (url.Scheme == "http" && !DidWeb.IsLoopback(url.Host) && !insecureHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
            yield return "Transfer:FhirSource:BaseUrl may use plain http only on loopback or a host listed in Identity:InsecureHosts.";
        foreach (var name in Headers.Keys.Where(name => name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            yield return $"Transfer:FhirSource:Headers: '{name}' is not a header name.";
    }
}
