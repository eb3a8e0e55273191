using Dataspace.ConsentLedger.Ledger;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Ledger;

/// <summary>The ledger's settings and its pseudonym key file.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LedgerSettingsTests
{
    [Fact]
    public async Task A_started_connector_has_a_32_byte_owner_only_pseudonym_key_that_survives_a_restart()
    {
        var options = TestConnectors.Options("pseudonyms");
        var path = Path.Combine(options.Participant.DataFolder, LedgerPseudonyms.DefaultFileName);
        PatientPseudonym first;
        await using (var connector = await TestConnectors.StartAsync(options))
            first = GetPseudonyms(connector).Derive("Patient/42");

        Assert.Equal(32, new FileInfo(path).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        await using (var restarted = await TestConnectors.StartAsync(options))
            Assert.Equal(first, GetPseudonyms(restarted).Derive("http://hospital.example/fhir/Patient/42"));
        Assert.NotEqual(first, LedgerPseudonyms.LoadOrCreate(Path.Combine(TestPaths.NewTempFolder(), "other.key")).Derive("Patient/42"));
    }

    [Fact]
    public void A_configured_key_file_is_used_and_a_short_one_refused()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "short.key");
        File.WriteAllBytes(path, new byte[16]);

        var error = Assert.Throws<InvalidOperationException>(() => LedgerPseudonyms.LoadOrCreate(path));

        Assert.Contains("at least 32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ledger_settings_are_validated()
    {
        var options = TestConnectors.Options("ledger-settings");
        options.Ledger.MaxBatchSize = 0;
        options.Ledger.WitnessInterval = TimeSpan.FromSeconds(-1);
        options.Ledger.WitnessPeers = ["did:web:not-a-member.example"];
        options.Ledger.PseudonymKeyFile = " ";

        var problems = ConnectorOptionsValidator.Validate(options);

        Assert.Contains("Ledger:MaxBatchSize must be between 1 and 100000.", problems);
        Assert.Contains("Ledger:WitnessInterval must not be negative.", problems);
        Assert.Contains("Ledger:WitnessPeers: 'did:web:not-a-member.example' is not in Members.", problems);
        Assert.Contains("Ledger:PseudonymKeyFile must be a path when given.", problems);
    }

    private static LedgerPseudonyms GetPseudonyms(RunningConnector connector) =>
        (LedgerPseudonyms)connector.Services.GetService(typeof(LedgerPseudonyms))!;
}
