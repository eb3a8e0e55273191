using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Storage;
using Dataspace.Connector.Storage.Postgres;
using Dataspace.Connector.Storage.Sqlite;
using Npgsql;

namespace Dataspace.Connector.Cli;

/// <summary>Runs <c>dataspace ledger verify</c>: one streaming audit of a ledger database or a connector's ledger API.</summary>
public sealed class LedgerVerifyAction(LedgerVerifyAction.Inputs inputs) : LedgerCommandAction
{
    /// <summary>The options of <c>verify</c>.</summary>
    public sealed record Inputs(
        Option<Uri?> Url, Option<FileInfo?> Db, Option<string?> Postgres, Option<string?> Schema, Option<FileInfo?> TrustedTreeHead, Option<FileInfo?> PublicKey);

    /// <inheritdoc />
    protected override async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var url = parseResult.GetValue(inputs.Url);
        var db = parseResult.GetValue(inputs.Db);
        var postgres = parseResult.GetValue(inputs.Postgres);
        if (new object?[] { url, db, postgres }.Count(o => o is not null) != 1)
        {
            return await UsageAsync(parseResult, ["Give exactly one of --url, --db and --postgres."]);
        }

        using var keys = new LedgerCommandKeys();
        var trusted = parseResult.GetValue(inputs.TrustedTreeHead) is { } trustedFile ? ReadTrustedTreeHead(trustedFile) : null;
        var publicKey = parseResult.GetValue(inputs.PublicKey);
        LedgerAuditReport report;
        if (url is not null)
        {
            var ownerDid = DidWeb.FromUrl(new Uri(url.GetLeftPart(UriPartial.Authority)));
            var treeHeadKey = publicKey is not null ? LedgerCommandKeys.FromFile(publicKey) : (kid, ct) => keys.FromDidAsync(ownerDid, kid, ct);
            using var http = LedgerCommandHttp.Create();
            var client = new LedgerClient(http, url);
            var (newest, cosignatures) = await LedgerCommandHttp.ReadAsync(() => client.GetTreeHeadAsync(cancellationToken: cancellationToken));
            var source = new ApiAuditSource(client, newest, cosignatures);
            Console.Out.WriteLine($"Verifying the ledger of {ownerDid} at {url} (newest tree head: {newest.TreeSize} entries)…");
            report = await LedgerCommandHttp.ReadAsync(() => new LedgerAuditor(source, new AuditKeys(treeHeadKey, keys.FromDidAsync)).RunAsync(trusted, cancellationToken));
        }
        else
        {
            var (database, description, defaultKey) = Open(db, postgres, parseResult.GetValue(inputs.Schema));
            var treeHeadKey = publicKey is not null ? LedgerCommandKeys.FromFile(publicKey)
                : defaultKey is not null ? LedgerCommandKeys.FromFile(defaultKey)
                : keys.FromKeyIdAsync;
            Console.Out.WriteLine($"Verifying the ledger in {description}; the ledger key comes from {(publicKey ?? defaultKey)?.FullName ?? "the DID named in its tree heads"}…");
            await using var source = new DatabaseAuditSource(database);
            try
            {
                report = await new LedgerAuditor(source, new AuditKeys(treeHeadKey, keys.FromDidAsync)).RunAsync(trusted, cancellationToken);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidCastException)
            {
                throw new LedgerInputException($"cannot read the ledger tables of {description}: {e.Message}", e);
            }
            finally
            {
                if (database is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync();
                }
            }
        }

        Print(report);
        return report.Verified ? LedgerCommand.Verified : LedgerCommand.Failed;
    }

    private static void Print(LedgerAuditReport report)
    {
        var counts = string.Create(CultureInfo.InvariantCulture, $"{report.Entries:N0} entries, {report.TreeHeads} signed tree heads, {report.Cosignatures} cosignatures checked");
        if (report.Finding is { } finding)
        {
            Console.Out.WriteLine($"FAILED at {finding}");
            Console.Out.WriteLine($"({counts} before the failure)");
        }
        else
        {
            Console.Out.WriteLine($"Verified: {counts}.");
            Console.Out.WriteLine($"Root hash of the tree of {report.Entries.ToString(CultureInfo.InvariantCulture)} entries: {report.RootHash.ToBase64()}");
        }

        Console.Out.Flush();
    }

    // For a SQLite file the participant's key pair sits beside it in the data folder; using it checks the signatures
    // against the key the connector really holds, even offline.
    private static (ConnectorDatabase Database, string Description, FileInfo? DefaultKey) Open(FileInfo? db, string? postgres, string? schema)
    {
        if (db is not null)
        {
            if (!db.Exists)
            {
                throw new LedgerInputException($"no database at {db.FullName}");
            }

            var key = new FileInfo(Path.Combine(db.DirectoryName ?? ".", ParticipantKey.FileName));
            return (new SqliteDatabase(db.FullName), db.FullName, key.Exists ? key : null);
        }

        try
        {
            return (new PostgresDatabase(postgres!, schema), schema is null ? "PostgreSQL" : $"PostgreSQL schema {schema}", null);
        }
        catch (ArgumentException e)
        {
            throw new LedgerInputException($"unusable --postgres or --schema: {e.Message}", e);
        }
    }

    private static SignedTreeHead ReadTrustedTreeHead(FileInfo file)
    {
        try
        {
            var json = JsonSerializer.Deserialize<TreeHeadJson>(File.ReadAllText(file.FullName));
            return json?.ToSignedTreeHead() ?? throw new LedgerInputException($"{file.FullName} is not a signed tree head (tree_size, root_hash, timestamp, signature).");
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            throw new LedgerInputException($"cannot read the trusted tree head {file.FullName}: {e.Message}", e);
        }
    }
}
