using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Protocol.Outbox;

namespace Dataspace.Connector.Hosting;

/// <summary>Everything a connector reads from its configuration file and <c>Dataspace__*</c> environment variables.</summary>
public sealed class ConnectorOptions
{
    /// <summary>The configuration section holding these options.</summary>
    public const string Section = "Dataspace";

    public ParticipantOptions Participant { get; set; } = new();

    /// <summary>The dataspace members allowed to call the protocol API, with the claims policies see (until membership comes from credentials).</summary>
    public List<MemberOptions> Members { get; set; } = [];

    public StorageOptions Storage { get; set; } = new();

    public IdentityOptions Identity { get; set; } = new();

    public ManagementOptions Management { get; set; } = new();

    public LimitsOptions Limits { get; set; } = new();

    public CatalogOptions Catalog { get; set; } = new();

    public NegotiationOptions Negotiation { get; set; } = new();

    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>Transfer processes: automatic start, EDR token lifetime.</summary>
    public Transfer.TransferOptions Transfer { get; set; } = new();

    /// <summary>The consent ledger: append batching, witnessing peers, the patient pseudonym key.</summary>
    public LedgerOptions Ledger { get; set; } = new();

    /// <summary>Where Kestrel listens, e.g. <c>http://0.0.0.0:8080</c> in a container; defaults to the public URL's host and port.</summary>
    public string? ListenUrl { get; set; }

    /// <summary><c>text</c> (one readable line per event) or <c>json</c> (one JSON object per event, for log collectors).</summary>
    public string LogFormat { get; set; } = "text";
}

/// <summary>Who this connector speaks for and where it can be reached.</summary>
public sealed class ParticipantOptions
{
    /// <summary>Short machine name, e.g. <c>hrs</c>.</summary>
    public string Name { get; set; } = "connector";

    public string DisplayName { get; set; } = "Dataspace connector";

    /// <summary>ISO 3166-1 alpha-2 country of the legal participant.</summary>
    public string Country { get; set; } = "LU";

    /// <summary>The base URL peers use; the participant's did:web is derived from it.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>Folder for the key pair and the embedded database; a relative path is resolved against the working directory.</summary>
    public string DataFolder { get; set; } = "data";
}

/// <summary>One dataspace member: its DID and the claims this connector attributes to it.</summary>
public sealed class MemberOptions
{
    public string Did { get; set; } = "";

    /// <summary>ISO 3166-1 alpha-2 country of the member, for spatial constraints.</summary>
    public string? Country { get; set; }

    /// <summary>The member's role in the dataspace, e.g. <c>hospital</c>, <c>research</c>, <c>regulator</c>.</summary>
    public string? Role { get; set; }

    /// <summary>Purposes of use the member is entitled to (codes or IRIs such as <c>http://terminology.hl7.org/CodeSystem/v3-ActReason#TREAT</c>); contract policies are evaluated for each.</summary>
    public List<string> Purposes { get; set; } = [];

    /// <summary>A member known only by its DID.</summary>
    public static MemberOptions FromDid(string did) => new() { Did = did };

    public static implicit operator MemberOptions(string did) => FromDid(did);
}

/// <summary>Which database backs the stores.</summary>
public sealed class StorageOptions
{
    /// <summary><c>sqlite</c> (embedded default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Npgsql connection string when <see cref="Provider"/> is <c>postgres</c>; ignored for SQLite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>PostgreSQL schema for this participant's tables, so that participants can share a database; created if missing.</summary>
    public string? Schema { get; set; }
}

/// <summary>Self-issued token and DID resolution settings.</summary>
public sealed class IdentityOptions
{
    /// <summary>Lifetime of tokens this connector issues; the verifier refuses more than five minutes.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan DidCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Hosts allowed over plain http besides loopback, for a closed container network only.</summary>
    public List<string> InsecureHosts { get; set; } = [];
}

/// <summary>Who may call the management API.</summary>
public sealed class ManagementOptions
{
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];
}

/// <summary>One management API key and the role it grants.</summary>
public sealed class ApiKeyOptions
{
    public string Key { get; set; } = "";

    /// <summary><c>operator</c> (read and write) or <c>regulator</c> (read-only, never PHI).</summary>
    public string Role { get; set; } = ManagementRoles.Operator;
}

/// <summary>Role names of the management API.</summary>
public static class ManagementRoles
{
    public const string Operator = "operator";
    public const string Regulator = "regulator";
}

/// <summary>Catalog paging and the federated catalog crawler.</summary>
public sealed class CatalogOptions
{
    /// <summary>Datasets per DSP catalog page when the requester names no limit.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>The largest page a requester may ask for; more is a 400.</summary>
    public int MaxPageSize { get; set; } = 10_000;

    /// <summary>How often peers' catalogs are fetched; zero turns the crawler off (crawls can still be started by hand).</summary>
    public TimeSpan CrawlInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one fetch of one peer's catalog may take, retries included.</summary>
    public TimeSpan CrawlTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>The consent ledger's settings.</summary>
public sealed class LedgerOptions
{
    /// <summary>The most entries one append transaction (and so one signed tree head) takes; more wait for the next.</summary>
    public int MaxBatchSize { get; set; } = 8192;

    /// <summary>How often this connector witnesses <see cref="WitnessPeers"/>; zero witnesses only on demand.</summary>
    public TimeSpan WitnessInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Member DIDs whose ledgers this connector cosigns.</summary>
    public List<string> WitnessPeers { get; set; } = [];

    /// <summary>The HMAC key file for patient pseudonyms (at least 32 bytes); default <c>ledger-pseudonym.key</c> in the data folder, created on first start.</summary>
    public string? PseudonymKeyFile { get; set; }
}

/// <summary>Input limits that protect the host from oversize or hostile requests.</summary>
public sealed class LimitsOptions
{
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    public int MaxJsonDepth { get; set; } = 32;
}
