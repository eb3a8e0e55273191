using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Negotiation;

/// <summary>
/// A provider hospital with a seeded catalog, a partner hospital (consumer, entitled to treatment and emergency
/// treatment) and a research institute (entitled to health research), on loopback.
/// </summary>
public abstract class NegotiationFederation(bool autoRespond) : IAsyncLifetime
{
    public const string Hl7 = "http://terminology.hl7.org/CodeSystem/v3-ActReason#";

    public RunningConnector Provider { get; private set; } = null!;
    public RunningConnector Consumer { get; private set; } = null!;
    public RunningConnector Research { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (provider, consumer, research) = Participants(null, autoRespond);
        Provider = await TestConnectors.StartAsync(provider);
        Consumer = await TestConnectors.StartAsync(consumer);
        Research = await TestConnectors.StartAsync(research);
        using var management = new ManagementClient(Provider);
        await NegotiationSeed.SeedAsync(management);
    }

    /// <summary>Options for the three participants, each trusting the others, with fast outbox retries.</summary>
    public static (ConnectorOptions Provider, ConnectorOptions Consumer, ConnectorOptions Research) Participants(string? postgres, bool autoRespond)
    {
        var provider = TestConnectors.Options("hospital", postgres);
        var consumer = TestConnectors.Options("partner", postgres);
        var research = TestConnectors.Options("research", postgres);
        provider.Members =
        [
            new() { Did = Did(consumer), Country = "DE", Role = "hospital", Purposes = [Hl7 + "TREAT", Hl7 + "ETREAT"] },
            new() { Did = Did(research), Country = "LU", Role = "research", Purposes = [Hl7 + "HRESCH"] },
        ];
        consumer.Members = [new() { Did = Did(provider), Country = "LU", Role = "hospital", Purposes = [Hl7 + "TREAT"] }];
        research.Members = [new() { Did = Did(provider), Country = "LU", Role = "hospital" }];
        foreach (var options in new[] { provider, consumer, research })
        {
            options.Catalog.CrawlInterval = TimeSpan.Zero;
            options.Negotiation.AutoRespond = autoRespond;
            options.Outbox.RetryBase = TimeSpan.FromMilliseconds(100);
            options.Outbox.RetryMax = TimeSpan.FromMilliseconds(500);
            options.Outbox.IdlePoll = TimeSpan.FromSeconds(1);
        }
        return (provider, consumer, research);
    }

    public static string Did(ConnectorOptions options) => DidWeb.FromUrl(new Uri(options.Participant.PublicUrl));

    public async Task DisposeAsync()
    {
        await Research.DisposeAsync();
        await Consumer.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>Every step by hand through the management API, as the TCK drives a connector.</summary>
public sealed class ManualNegotiationFederation() : NegotiationFederation(autoRespond: false);

/// <summary>Both sides respond on their own.</summary>
public sealed class AutoNegotiationFederation() : NegotiationFederation(autoRespond: true);
