using Dataspace.Connector.Identity;

namespace Dataspace.Connector.Hosting;

/// <summary>Several connectors on loopback, on ports chosen at run time, each trusting the others: the demo's and the specs' federation.</summary>
public sealed class LocalFederation : IAsyncDisposable
{
    private LocalFederation(IReadOnlyList<RunningConnector> connectors) => Connectors = connectors;

    public IReadOnlyList<RunningConnector> Connectors { get; }

    /// <summary>The connector whose participant is called <paramref name="name"/>.</summary>
    public RunningConnector this[string name] => Connectors.Single(c => c.Options.Participant.Name == name);

    /// <summary>
    /// Starts <paramref name="participants"/> on free loopback ports with data folders under <paramref name="dataRoot"/>.
    /// Member DIDs that name one of the participants' configured URLs are rewritten to the port it really got.
    /// </summary>
    /// <param name="participants">The participants; their URLs, data folders and member lists are rewritten in place.</param>
    /// <param name="dataRoot">Folder under which each participant gets a data folder of its name.</param>
    /// <param name="configuration">Logging settings; by default only warnings, so the demo's own output stays readable.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<LocalFederation> StartAsync(
        IReadOnlyList<ConnectorOptions> participants, string dataRoot, IConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        configuration ??= QuietLogging;
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var options in participants)
        {
            var configured = DidWeb.FromUrl(new Uri(options.Participant.PublicUrl));
            options.Participant.PublicUrl = $"http://127.0.0.1:{LoopbackPorts.Next()}";
            options.Participant.DataFolder = Path.Combine(dataRoot, options.Participant.Name);
            renamed[configured] = DidWeb.FromUrl(new Uri(options.Participant.PublicUrl));
        }
        foreach (var options in participants)
        {
            foreach (var member in options.Members)
                member.Did = renamed.GetValueOrDefault(member.Did, member.Did);
        }

        var started = new List<RunningConnector>();
        try
        {
            foreach (var options in participants)
                started.Add(await RunningConnector.StartAsync(options, configuration, cancellationToken));
            return new LocalFederation(started);
        }
        catch
        {
            foreach (var connector in started)
                await connector.DisposeAsync();
            throw;
        }
    }

    private static readonly IConfiguration QuietLogging = new ConfigurationBuilder()
        .AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]).Build();

    /// <summary>The example participants shipped in the <c>config/</c> folder beside the executable.</summary>
    public static IReadOnlyList<ConnectorOptions> ExampleParticipants()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "config");
        return new[] { "hrs", "partner-de", "research", "regulator" }
            .Select(name => ConnectorConfiguration.Load(Path.Combine(folder, name + ".json")).Options)
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connector in Connectors)
            await connector.DisposeAsync();
    }
}
