using System.Text.Json.Nodes;
using Dataspace.Connector.Transfer;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>
/// The DSP TCK transfer process scenarios between two real connectors: TP_01 (the provider acts), TP_02 (the consumer
/// terminates, completes, suspends, resumes) and TP_03 (messages the provider must refuse); TP_C_01/02 are the same
/// sequences read on the consumer side, TP_C_03 the messages the consumer must refuse. Refused messages are sent raw, signed.
/// They run on SQLite (<see cref="TransferTckTests"/>) and on PostgreSQL (<see cref="PostgresTransferTckTests"/>).
/// </summary>
public abstract class TransferTckScenarios
{
    private readonly TransferDriver _t;

    protected TransferTckScenarios(TransferFederation federation)
    {
        ArgumentNullException.ThrowIfNull(federation);
        federation.RequireStorage();
        _t = new TransferDriver(federation);
    }

    [SkippableTheory]
    [InlineData("TP_01_01", "provider:terminate>TERMINATED")]
    [InlineData("TP_01_02", "provider:complete>COMPLETED")]
    [InlineData("TP_01_03", "provider:suspend>SUSPENDED provider:terminate>TERMINATED")]
    [InlineData("TP_01_04", "provider:suspend>SUSPENDED provider:start>STARTED provider:complete>COMPLETED")]
    [InlineData("TP_02_01", "consumer:terminate>TERMINATED")]
    [InlineData("TP_02_02", "consumer:complete>COMPLETED")]
    [InlineData("TP_02_03", "consumer:suspend>SUSPENDED consumer:terminate>TERMINATED")]
    [InlineData("TP_02_04", "consumer:suspend>SUSPENDED consumer:start>STARTED consumer:complete>COMPLETED")]
    public async Task TP_and_TP_C_sequences_after_start_reach_the_same_state_on_both_sides(string scenario, string script)
    {
        var pair = await _t.StartedAsync();
        foreach (var step in script.Split(' '))
        {
            var side = step[..step.IndexOf(':', StringComparison.Ordinal)];
            var action = step[(side.Length + 1)..step.IndexOf('>', StringComparison.Ordinal)];
            var state = step[(step.IndexOf('>', StringComparison.Ordinal) + 1)..];
            await (side == "provider" ? _t.ProviderAsync(pair, action) : _t.ConsumerAsync(pair, action));
            try
            {
                await _t.BothAsync(pair, state);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{scenario}, after {step}: {e.Message}", e);
            }
        }
    }

    [SkippableFact]
    public async Task TP_01_05_and_TP_C_01_05_the_provider_terminates_a_request()
    {
        var pair = await _t.RequestAsync();
        await _t.ProviderAsync(pair, "terminate", new JsonObject { ["reason"] = "no capacity" });
        await _t.BothAsync(pair, "TERMINATED");
        var history = (await TransferDriver.GetAsync(_t.Consumer, pair.ConsumerPid)).GetProperty("history");
        Assert.Equal("no capacity", history[history.GetArrayLength() - 1].GetProperty("reason").GetString());
    }

    [SkippableFact]
    public async Task TP_02_05_and_TP_C_02_05_the_consumer_terminates_a_request()
    {
        var pair = await _t.RequestAsync();
        await _t.ConsumerAsync(pair, "terminate");
        await _t.BothAsync(pair, "TERMINATED");
    }

    [SkippableFact]
    public async Task TP_03_01_and_02_completion_and_suspension_in_REQUESTED_are_refused_by_the_provider()
    {
        var pair = await _t.RequestAsync();
        await _t.RefusedAsync(await _t.ConsumerSendsAsync(pair, "completion", TransferMessages.Completion(pair.ProviderPid, pair.ConsumerPid)), pair, "REQUESTED");
        await _t.RefusedAsync(await _t.ConsumerSendsAsync(pair, "suspension", Suspension(pair)), pair, "REQUESTED");
    }

    [SkippableFact]
    public async Task TP_03_03_completion_in_SUSPENDED_is_refused_by_the_provider()
    {
        var pair = await _t.StartedAsync();
        await _t.ProviderAsync(pair, "suspend");
        await _t.BothAsync(pair, "SUSPENDED");
        await _t.RefusedAsync(await _t.ConsumerSendsAsync(pair, "completion", TransferMessages.Completion(pair.ProviderPid, pair.ConsumerPid)), pair, "SUSPENDED");
    }

    [SkippableFact]
    public async Task TP_03_04_to_06_start_suspension_completion_after_TERMINATED_are_refused_by_the_provider()
    {
        var pair = await _t.StartedAsync();
        await _t.ProviderAsync(pair, "terminate");
        await _t.BothAsync(pair, "TERMINATED");
        await _t.RefusedAsync(await _t.ConsumerSendsAsync(pair, "start", TransferMessages.Start(pair.ProviderPid, pair.ConsumerPid, null)), pair, "TERMINATED");
        await _t.RefusedAsync(await _t.ConsumerSendsAsync(pair, "suspension", Suspension(pair)), pair, "TERMINATED");
        await _t.RefusedAsync(await _t.ConsumerSendsAsync(pair, "completion", TransferMessages.Completion(pair.ProviderPid, pair.ConsumerPid)), pair, "TERMINATED");
    }

    [SkippableFact]
    public async Task TP_C_03_01_and_02_completion_and_suspension_in_REQUESTED_are_refused_by_the_consumer()
    {
        var pair = await _t.RequestAsync();
        await _t.RefusedAsync(await _t.ProviderSendsAsync(pair, "completion", TransferMessages.Completion(pair.ProviderPid, pair.ConsumerPid)), pair, "REQUESTED");
        await _t.RefusedAsync(await _t.ProviderSendsAsync(pair, "suspension", Suspension(pair)), pair, "REQUESTED");
    }

    [SkippableFact]
    public async Task TP_C_03_03_completion_in_SUSPENDED_is_refused_by_the_consumer()
    {
        var pair = await _t.StartedAsync();
        await _t.ConsumerAsync(pair, "suspend");
        await _t.BothAsync(pair, "SUSPENDED");
        await _t.RefusedAsync(await _t.ProviderSendsAsync(pair, "completion", TransferMessages.Completion(pair.ProviderPid, pair.ConsumerPid)), pair, "SUSPENDED");
    }

    [SkippableFact]
    public async Task TP_C_03_04_to_06_start_suspension_completion_after_TERMINATED_are_refused_by_the_consumer()
    {
        var pair = await _t.StartedAsync();
        await _t.ConsumerAsync(pair, "terminate");
        await _t.BothAsync(pair, "TERMINATED");
        await _t.RefusedAsync(await _t.ProviderSendsAsync(pair, "start", TransferMessages.Start(pair.ProviderPid, pair.ConsumerPid, null)), pair, "TERMINATED");
        await _t.RefusedAsync(await _t.ProviderSendsAsync(pair, "suspension", Suspension(pair)), pair, "TERMINATED");
        await _t.RefusedAsync(await _t.ProviderSendsAsync(pair, "completion", TransferMessages.Completion(pair.ProviderPid, pair.ConsumerPid)), pair, "TERMINATED");
    }

    private static JsonObject Suspension(TransferPair pair) =>
        TransferMessages.Stop("TransferSuspensionMessage", pair.ProviderPid, pair.ConsumerPid, "pause");
}

/// <summary>The TCK transfer scenarios with both connectors on SQLite.</summary>
public sealed class TransferTckTests(ManualTransferFederation federation) : TransferTckScenarios(federation), IClassFixture<ManualTransferFederation>;

/// <summary>The TCK transfer scenarios with both connectors on PostgreSQL, each in its own schema.</summary>
public sealed class PostgresTransferTckTests(PostgresManualTransferFederation federation)
    : TransferTckScenarios(federation), IClassFixture<PostgresManualTransferFederation>;
