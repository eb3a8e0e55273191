using System.CommandLine;
using System.Data.Common;
using System.Text.Json;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Storage.Sqlite;
using Dataspace.Fhir.Search;

namespace Dataspace.Connector.Cli;

/// <summary>Runs <c>dataspace ledger access-report --db PATH --patient ID</c>: the patient's whole report from a SQLite ledger, every page, as one JSON document.</summary>
public sealed class LedgerAccessReportAction(LedgerAccessReportAction.Inputs inputs) : LedgerCommandAction
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The options of <c>access-report</c>.</summary>
    public sealed record Inputs(Option<FileInfo?> Db, Option<string?> Patient, Option<FileInfo?> PseudonymKey, Option<DateTimeOffset?> From, Option<DateTimeOffset?> To);

    /// <inheritdoc />
    protected override async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var db = parseResult.GetValue(inputs.Db)!;
        var patient = parseResult.GetValue(inputs.Patient)!;
        var id = patient.StartsWith("Patient/", StringComparison.Ordinal) ? patient["Patient/".Length..] : patient;
        var (from, to) = (parseResult.GetValue(inputs.From), parseResult.GetValue(inputs.To));
        if (!FhirReference.IsValidId(id))
        {
            return await UsageAsync(parseResult, ["--patient must be a FHIR id (1 to 64 letters, digits, '-' or '.'), optionally as Patient/id."]);
        }

        if (from > to)
        {
            return await UsageAsync(parseResult, ["--from must not be after --to."]);
        }

        if (!db.Exists)
        {
            throw new LedgerInputException($"no database at {db.FullName}");
        }

        var keyFile = parseResult.GetValue(inputs.PseudonymKey)?.FullName ?? Path.Combine(db.DirectoryName ?? ".", LedgerPseudonyms.DefaultFileName);
        LedgerPseudonyms pseudonyms;
        try
        {
            pseudonyms = LedgerPseudonyms.Load(keyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new LedgerInputException($"cannot read the ledger pseudonym key {keyFile}: {e.Message}", e);
        }

        var database = new SqliteDatabase(db.FullName);
        await using var store = new LedgerStore(database, TimeProvider.System);
        var reports = new AccessReports(store, new LedgerPatientIndex(database), pseudonyms);
        AccessReport report;
        try
        {
            report = (await reports.BuildAsync("Patient/" + id, from, to, 0, AccessReports.MaxLimit, cancellationToken: cancellationToken))!;
            var accesses = report.Accesses.ToList();
            var events = report.ConsentEvents.ToList();
            // Every page under the first page's tree head, so a connector appending meanwhile does not shift the report.
            var treeSize = report.TreeHead?.TreeSize;
            while (report.NextAfter is { } after)
            {
                report = (await reports.BuildAsync("Patient/" + id, from, to, after, AccessReports.MaxLimit, treeSize, cancellationToken))!;
                accesses.AddRange(report.Accesses);
                events.AddRange(report.ConsentEvents);
            }

            report = report with { Accesses = accesses, ConsentEvents = events, NextAfter = null };
        }
        catch (DbException e)
        {
            throw new LedgerInputException($"cannot read the ledger of {db.FullName} (a connector migrates it to the patient index, schema version 8, when it starts): {e.Message}", e);
        }

        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(report, Indented));
        return LedgerCommand.Verified;
    }
}
