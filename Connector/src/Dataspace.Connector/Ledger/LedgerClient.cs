using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;
using Dataspace.Connector.Identity;

namespace Dataspace.Connector.Ledger;

/// <summary>Reads another ledger's read-only API (witnesses, <c>dataspace ledger</c>) and posts cosignatures to it.</summary>
/// <remarks>Everything received is untrusted: malformed answers become <see cref="LedgerClientException"/>, and nothing here checks signatures or proofs.</remarks>
public sealed class LedgerClient(HttpClient http, Uri origin)
{
    /// <summary>The HttpClient name witnesses use.</summary>
    public const string HttpClientName = "ledger";

    /// <summary>The largest answer a ledger client should buffer: a full page of entries fits many times over.</summary>
    public const long MaxResponseBytes = 16 * 1024 * 1024;

    /// <summary>The base path of the ledger API on every connector.</summary>
    public const string BasePath = "/api/ledger/v1";

    /// <summary>The origin of the ledger API of <paramref name="did"/>: a did:web connector serves it on the DID's own host.</summary>
    /// <exception cref="DidResolutionException">The DID is not a usable did:web.</exception>
    public static Uri OriginOf(string did, IReadOnlyCollection<string> insecureHosts) =>
        new(DidWeb.DocumentUrl(did, insecureHosts).GetLeftPart(UriPartial.Authority));

    /// <summary>The newest tree head, or the one of exactly <paramref name="treeSize"/> leaves, with its cosignatures.</summary>
    public async Task<(SignedTreeHead TreeHead, IReadOnlyList<Cosignature> Cosignatures)> GetTreeHeadAsync(long? treeSize = null, CancellationToken cancellationToken = default)
    {
        var json = await GetAsync<TreeHeadJson>(treeSize is { } size ? $"sth?tree_size={size.ToString(CultureInfo.InvariantCulture)}" : "sth", cancellationToken);
        var treeHead = json.ToSignedTreeHead() ?? throw new LedgerClientException("The tree head is malformed.");
        return (treeHead, json.ToCosignatures());
    }

    /// <summary>Entries <paramref name="start"/> to <paramref name="end"/> inclusive; the server may return fewer (a page).</summary>
    public async Task<IReadOnlyList<StoredEntry>> GetEntriesAsync(long start, long end, CancellationToken cancellationToken = default)
    {
        var page = await GetAsync<List<EntryJson>>(Invariant($"entries?start={start}&end={end}"), cancellationToken);
        return page.Select(e => e.Entry is null
                ? throw new LedgerClientException($"Entry {e.Index} has no content.")
                : new StoredEntry(e.Index, e.Entry, MerkleHash.TryFromBase64(e.LeafHash, out var leaf) ? leaf : null))
            .ToList();
    }

    /// <summary>The inclusion proof of leaf <paramref name="leafIndex"/> in the tree of <paramref name="treeSize"/> leaves.</summary>
    public async Task<InclusionProof> GetInclusionProofAsync(long leafIndex, long treeSize, CancellationToken cancellationToken = default)
    {
        var json = await GetAsync<InclusionProofJson>(Invariant($"proof/inclusion?index={leafIndex}&tree_size={treeSize}"), cancellationToken);
        return json.ToProof() ?? throw new LedgerClientException("The inclusion proof holds a malformed hash.");
    }

    /// <summary>The consistency proof between the trees of <paramref name="first"/> and <paramref name="second"/> leaves.</summary>
    public async Task<ConsistencyProof> GetConsistencyProofAsync(long first, long second, CancellationToken cancellationToken = default)
    {
        var json = await GetAsync<ConsistencyProofJson>(Invariant($"proof/consistency?first={first}&second={second}"), cancellationToken);
        return json.ToProof() ?? throw new LedgerClientException("The consistency proof holds a malformed hash.");
    }

    /// <summary>Posts a cosignature with a self-issued token; returns the status and, on refusal, the problem detail.</summary>
    public async Task<(HttpStatusCode Status, string? Detail)> PostCosignatureAsync(long treeSize, Cosignature cosignature, string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cosignature);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url("cosignatures"))
        {
            Content = JsonContent.Create(new CosignatureSubmission(treeSize, cosignature.Signature)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return (response.StatusCode, null);
        }

        return (response.StatusCode, await ProblemDetailAsync(response, cancellationToken));
    }

    private async Task<T> GetAsync<T>(string relative, CancellationToken cancellationToken)
        where T : class
    {
        // Buffered, so the client's MaxResponseContentBufferSize (set to MaxResponseBytes where it is created) bounds the answer.
        using var response = await http.GetAsync(Url(relative), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new LedgerClientException($"GET {relative} answered {(int)response.StatusCode}: {await ProblemDetailAsync(response, cancellationToken)}", response.StatusCode);
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken) ?? throw new LedgerClientException($"GET {relative} answered null.");
        }
        catch (JsonException e)
        {
            throw new LedgerClientException($"GET {relative} answered malformed JSON.", e);
        }
    }

    private static async Task<string?> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                ? detail.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private Uri Url(string relative) => new(origin, BasePath + "/" + relative);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
