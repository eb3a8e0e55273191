using System.Security.Cryptography;
using System.Text.Json;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Ledger;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Cli;

/// <summary>Public keys for <c>dataspace ledger</c>: from a key file, a DID document file, or did:web resolution (cached per key id).</summary>
internal sealed class LedgerCommandKeys : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly DidResolver _resolver;
    private readonly Dictionary<string, ECDsa?> _resolved = new(StringComparer.Ordinal);

    public LedgerCommandKeys()
    {
        var services = new ServiceCollection();
        // The same rule as the connector's: a DID document is fetched from its own host, without redirects.
        services.AddHttpClient(DidResolver.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        _services = services.BuildServiceProvider();
        _resolver = new DidResolver(_services.GetRequiredService<IHttpClientFactory>(), Options.Create(new ConnectorOptions()), TimeProvider.System);
    }

    /// <summary>The key <paramref name="keyId"/> names in the DID document of <paramref name="did"/>, or null when it is not that DID's.</summary>
    public async Task<ECDsa?> FromDidAsync(string did, string? keyId, CancellationToken cancellationToken)
    {
        var cacheKey = did + " " + keyId;
        if (_resolved.TryGetValue(cacheKey, out var known))
        {
            return known;
        }

        try
        {
            var key = await DidKeys.ResolveAsync(_resolver, did, keyId, cancellationToken);
            _resolved[cacheKey] = key;
            return key;
        }
        catch (DidResolutionException e)
        {
            throw new LedgerInputException($"cannot resolve {did}: {e.Message}", e);
        }
    }

    /// <summary>The ledger key from the DID its tree heads name in their <c>kid</c> (the part before <c>#</c>).</summary>
    public Task<ECDsa?> FromKeyIdAsync(string? keyId, CancellationToken cancellationToken) =>
        keyId?.IndexOf('#', StringComparison.Ordinal) is > 0 and var hash ? FromDidAsync(keyId[..hash], keyId, cancellationToken) : Task.FromResult<ECDsa?>(null);

    /// <summary>
    /// A key source from a file: a PEM key (public, or the participant's private key) verifies every <c>kid</c>; a DID document
    /// gives the key each <c>kid</c> names.
    /// </summary>
    public static Func<string?, CancellationToken, Task<ECDsa?>> FromFile(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        string text;
        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (IOException e)
        {
            throw new LedgerInputException($"cannot read {file.FullName}: {e.Message}", e);
        }

        if (text.TrimStart().StartsWith('{'))
        {
            DidDocument document;
            try
            {
                document = JsonSerializer.Deserialize<DidDocument>(text) ?? throw new LedgerInputException($"{file.FullName} is not a DID document.");
            }
            catch (JsonException e)
            {
                throw new LedgerInputException($"{file.FullName} is not a DID document: {e.Message}", e);
            }

            return (keyId, _) => Task.FromResult(document.FindKey(keyId) is { } method ? DidKeys.FromJwk(method.PublicKeyJwk) : null);
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(text);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new LedgerInputException($"{file.FullName} holds no EC key in PEM: {e.Message}", e);
        }

        return (_, _) => Task.FromResult<ECDsa?>(key);
    }

    public void Dispose() => _services.Dispose();
}
