using System.CommandLine;

namespace Dataspace.Connector.Cli;

/// <summary><c>dataspace ledger verify</c>, <c>prove</c> and <c>access-report</c>: audit a consent ledger from outside the connector, or answer a patient from it.</summary>
public static class LedgerCommand
{
    /// <summary>Exit code when everything verified.</summary>
    public const int Verified = 0;

    /// <summary>Exit code when the ledger, a signature or a proof does not verify.</summary>
    public const int Failed = 1;

    /// <summary>Exit code for a usage error or a source that cannot be read.</summary>
    public const int InputError = 2;

    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create()
    {
        var command = new Command("ledger", "Verify a consent ledger (RFC 9162 Merkle log), print and check its proofs, or report what it records about a patient.")
        {
            Verify(),
            Prove(),
            AccessReport(),
        };
        command.Action = new LedgerUsageAction("Choose a subcommand: verify, prove or access-report.");
        return command;
    }

    private static Command Verify()
    {
        var url = UrlOption(recursive: false);
        var db = new Option<FileInfo?>("--db") { Description = "A connector's SQLite database file (connector.db in its data folder).", HelpName = "PATH" };
        var postgres = new Option<string?>("--postgres") { Description = "An Npgsql connection string of a connector's PostgreSQL database.", HelpName = "CONNECTION" };
        var schema = new Option<string?>("--schema") { Description = "The participant's PostgreSQL schema, with --postgres.", HelpName = "NAME" };
        var trusted = new Option<FileInfo?>("--trusted-sth")
        {
            Description = "A signed tree head saved earlier (the JSON of GET /api/ledger/v1/sth); the log must still contain it.",
            HelpName = "FILE",
        };
        var publicKey = new Option<FileInfo?>("--public-key")
        {
            Description = "The ledger's key: a PEM file or a DID document. Default: the DID of --url; for --db the participant-key.pem beside the database, else the DID in the tree heads.",
            HelpName = "FILE",
        };
        var command = new Command("verify", "Recompute the tree from every entry and check stored hashes, signed tree heads, cosignatures and a trusted head. Exit 0 verified, 1 failed (naming the first bad index), 2 input error.")
        {
            url, db, postgres, schema, trusted, publicKey,
        };
        command.Action = new LedgerVerifyAction(new LedgerVerifyAction.Inputs(url, db, postgres, schema, trusted, publicKey));
        return command;
    }

    private static Command Prove()
    {
        var url = UrlOption(recursive: true);
        var index = new Option<long>("--index") { Description = "The 0-based index of the entry.", Required = true };
        var treeSize = new Option<long?>("--tree-size") { Description = "A tree size the ledger signed a head for; default its newest." };
        var inclusion = new Command("inclusion", "Print the audit path of one entry and verify it against a signed tree head.") { index, treeSize };
        inclusion.Action = new LedgerProveAction(url, new LedgerProveAction.Inclusion(index, treeSize));

        var first = new Option<long>("--first") { Description = "The older tree size.", Required = true };
        var second = new Option<long>("--second") { Description = "The newer tree size.", Required = true };
        var consistency = new Command("consistency", "Print the consistency proof between two signed tree heads and verify it.") { first, second };
        consistency.Action = new LedgerProveAction(url, new LedgerProveAction.Consistency(first, second));

        var command = new Command("prove", "Fetch, print and verify an RFC 9162 inclusion or consistency proof from a connector.")
        {
            url, inclusion, consistency,
        };
        command.Action = new LedgerUsageAction("Choose a proof: inclusion or consistency.");
        return command;
    }

    private static Command AccessReport()
    {
        var db = new Option<FileInfo?>("--db") { Description = "A connector's SQLite database file (connector.db in its data folder).", HelpName = "PATH", Required = true };
        var patient = new Option<string?>("--patient") { Description = "The patient's FHIR id (or Patient/id).", HelpName = "ID", Required = true };
        var key = new Option<FileInfo?>("--pseudonym-key")
        {
            Description = $"The ledger's pseudonym key; default {Ledger.LedgerPseudonyms.DefaultFileName} beside the database.",
            HelpName = "FILE",
        };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Only entries recorded at or after this time (e.g. 2026-01-31 or 2026-01-31T08:00:00Z).", HelpName = "TIME" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Only entries recorded before this time.", HelpName = "TIME" };
        var command = new Command("access-report", "Print, as JSON, every access to one patient's data and every change of their Consents that the ledger in a database records, with indices for inclusion proofs. Exit 0, or 2 on an input error.")
        {
            db, patient, key, from, to,
        };
        command.Action = new LedgerAccessReportAction(new LedgerAccessReportAction.Inputs(db, patient, key, from, to));
        return command;
    }

    private static Option<Uri?> UrlOption(bool recursive) => new("--url")
    {
        Description = "The connector's public URL, e.g. https://connector.hospital.lu; its did:web names the ledger's key.",
        HelpName = "URL",
        Recursive = recursive,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }

            result.AddError($"'{text}' is not an absolute http(s) URL.");
            return null;
        },
    };
}
