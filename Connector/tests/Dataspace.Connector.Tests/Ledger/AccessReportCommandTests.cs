using System.Text.Json;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Tests.Cli;

namespace Dataspace.Connector.Tests.Ledger;

/// <summary><c>dataspace ledger access-report --db</c> on a real ledger file, with the pseudonym key beside it.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccessReportCommandTests
{
    [Fact]
    public async Task The_report_of_a_patient_is_printed_as_json_from_the_database_file()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        await AccessReportScenario.AppendAsync(bed.Service, bed.Pseudonyms);

        var run = await CliRun.InvokeAsync("ledger", "access-report", "--db", bed.DatabasePath, "--patient", "bob");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("Patient/bob", json.RootElement.GetProperty("patient").GetString());
        Assert.Equal(bed.Pseudonyms.Derive(AccessReportScenario.Bob).Value, json.RootElement.GetProperty("pseudonym").GetString());
        Assert.Equal([(2L, "deny"), (4L, "permit")], json.RootElement.GetProperty("accesses").EnumerateArray().Select(a => (a.GetProperty("index").GetInt64(), a.GetProperty("decision").GetString())));
        Assert.Equal([1L], json.RootElement.GetProperty("consentEvents").EnumerateArray().Select(e => e.GetProperty("index").GetInt64()));
        Assert.Equal(7, json.RootElement.GetProperty("treeHead").GetProperty("tree_size").GetInt64());
    }

    [Fact]
    public async Task More_than_a_page_of_entries_is_printed_whole()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var erin = bed.Pseudonyms.Derive("Patient/erin");
        await Task.WhenAll(Enumerable.Range(0, AccessReports.MaxLimit + 5).Select(i => bed.Service.AppendAsync(
            new ConsentLedger.Ledger.ConsentUpdated(AccessReportScenario.At(i), "c-erin", new string('e', 64), erin))));

        var run = await CliRun.InvokeAsync("ledger", "access-report", "--db", bed.DatabasePath, "--patient", "Patient/erin");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(AccessReports.MaxLimit + 5, json.RootElement.GetProperty("consentEvents").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("nextAfter").ValueKind);
    }

    [Fact]
    public async Task A_bad_patient_id_or_a_missing_key_is_an_input_error()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        await AccessReportScenario.AppendAsync(bed.Service, bed.Pseudonyms);

        var badId = await CliRun.InvokeAsync("ledger", "access-report", "--db", bed.DatabasePath, "--patient", "not an id");
        var noKey = await CliRun.InvokeAsync("ledger", "access-report", "--db", bed.DatabasePath, "--patient", "bob", "--pseudonym-key", Path.Combine(bed.Folder, "missing.key"));

        Assert.Equal(2, badId.ExitCode);
        Assert.Contains("--patient must be a FHIR id", badId.Error, StringComparison.Ordinal);
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("cannot read the ledger pseudonym key", noKey.Error, StringComparison.Ordinal);
        Assert.Empty(noKey.Out);
    }
}
