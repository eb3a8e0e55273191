using Dataspace.Connector.Identity;

namespace Dataspace.Connector.Hosting;

/// <summary>Refuses to start on a configuration that would run insecurely or fail later.</summary>
public static class ConnectorOptionsValidator
{
    /// <summary>Every problem found in <paramref name="options"/>; empty when it is usable.</summary>
    public static IReadOnlyList<string> Validate(ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var participant = options.Participant;
        if (!Uri.TryCreate(participant.PublicUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            problems.Add("Participant:PublicUrl must be an absolute http(s) URL.");
        else if (url.AbsolutePath != "/" || url.Query.Length > 0)
            problems.Add("Participant:PublicUrl must be an origin without a path (the DID document is served at /.well-known/did.json).");
        else if (url.Scheme == "http" && !DidWeb.IsLoopback(url.Host) && !options.Identity.InsecureHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
            problems.Add("Participant:PublicUrl may use plain http only on loopback or a host listed in Identity:InsecureHosts.");
        if (string.IsNullOrWhiteSpace(participant.DataFolder))
            problems.Add("Participant:DataFolder is required.");
        if (!IsCountryCode(participant.Country))
            problems.Add("Participant:Country must be an ISO 3166-1 alpha-2 code such as LU.");
        switch (options.Storage.Provider.ToLowerInvariant())
        {
            case "sqlite":
                break;
            case "postgres" when string.IsNullOrWhiteSpace(options.Storage.ConnectionString):
                problems.Add("Storage:ConnectionString is required for the postgres provider.");
                break;
            case "postgres" when options.Storage.Schema is { } schema && !Storage.Postgres.PostgresDatabase.IsPlainIdentifier(schema):
                problems.Add("Storage:Schema must be a plain lower-case SQL identifier.");
                break;
            case "postgres":
                break;
            default:
                problems.Add("Storage:Provider must be sqlite or postgres.");
                break;
        }
        foreach (var member in options.Members)
        {
            if (!DidWeb.TryParse(member.Did, options.Identity.InsecureHosts, out _, out var error))
                problems.Add($"Members: '{member.Did}' is not usable: {error}.");
            if (member.Country is { } country && !IsCountryCode(country))
                problems.Add($"Members: country '{country}' of {member.Did} is not an ISO 3166-1 alpha-2 code.");
        }
        if (options.Members.GroupBy(m => m.Did, StringComparer.Ordinal).Any(g => g.Count() > 1))
            problems.Add("Members: a DID is listed twice.");
        if (options.Identity.TokenLifetime <= TimeSpan.Zero || options.Identity.TokenLifetime > SelfIssuedTokens.MaxLifetime)
            problems.Add("Identity:TokenLifetime must be positive and at most five minutes.");
        foreach (var key in options.Management.ApiKeys)
        {
            if (key.Key.Length < 16)
                problems.Add("Management:ApiKeys: every key must have at least 16 characters.");
            if (key.Role is not (ManagementRoles.Operator or ManagementRoles.Regulator))
                problems.Add($"Management:ApiKeys: role '{key.Role}' is neither operator nor regulator.");
        }
        if (options.Catalog.PageSize <= 0 || options.Catalog.MaxPageSize < options.Catalog.PageSize)
            problems.Add("Catalog:PageSize must be positive and at most Catalog:MaxPageSize.");
        if (options.Catalog.CrawlInterval < TimeSpan.Zero || options.Catalog.CrawlTimeout <= TimeSpan.Zero)
            problems.Add("Catalog:CrawlInterval must not be negative and Catalog:CrawlTimeout must be positive.");
        if (options.Ledger.MaxBatchSize is < 1 or > 100_000)
            problems.Add("Ledger:MaxBatchSize must be between 1 and 100000.");
        if (options.Ledger.WitnessInterval < TimeSpan.Zero)
            problems.Add("Ledger:WitnessInterval must not be negative.");
        foreach (var peer in options.Ledger.WitnessPeers.Where(p => options.Members.All(m => m.Did != p)))
            problems.Add($"Ledger:WitnessPeers: '{peer}' is not in Members.");
        if (options.Ledger.PseudonymKeyFile is { } keyFile && string.IsNullOrWhiteSpace(keyFile))
            problems.Add("Ledger:PseudonymKeyFile must be a path when given.");
        problems.AddRange(options.Outbox.Problems());
        if (options.Transfer.EdrLifetime <= TimeSpan.Zero)
            problems.Add("Transfer:EdrLifetime must be positive.");
        problems.AddRange(options.Transfer.BreakGlass.Problems(options.Members));
        // The profile files are checked here, so a broken one stops the start (exit 2) with each of its problems listed.
        problems.AddRange(Transfer.PseudonymisationProfiles.Load(options.Transfer.ProfilesFolder).Problems);
        problems.AddRange(options.Transfer.FhirSource.Problems(options.Identity.InsecureHosts));
        if (options.LogFormat is not ("text" or "json"))
            problems.Add("LogFormat must be text or json.");
        if (options.Limits.MaxRequestBodyBytes <= 0 || options.Limits.MaxJsonDepth is <= 0 or > 256)
            problems.Add("Limits must be positive (MaxJsonDepth at most 256).");
        return problems;
    }

    private static bool IsCountryCode(string code) => code.Length == 2 && code.All(char.IsAsciiLetterUpper);

    /// <summary>Throws <see cref="ConnectorConfigurationException"/> listing every problem.</summary>
    public static void ThrowIfInvalid(ConnectorOptions options)
    {
        var problems = Validate(options);
        if (problems.Count > 0)
            throw new ConnectorConfigurationException(problems);
    }
}

/// <summary>The configuration cannot run; the message lists every problem.</summary>
public sealed class ConnectorConfigurationException : Exception
{
    public ConnectorConfigurationException(IReadOnlyList<string> problems) : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    public ConnectorConfigurationException() => Problems = [];

    public ConnectorConfigurationException(string message) : base(message) => Problems = [message];

    public ConnectorConfigurationException(string message, Exception innerException) : base(message, innerException) => Problems = [message];

    /// <summary>Each problem, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }
}
