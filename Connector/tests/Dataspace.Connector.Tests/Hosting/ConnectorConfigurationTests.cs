using Dataspace.Connector.Hosting;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Hosting;

public sealed class ConnectorConfigurationTests
{
    [Fact]
    public void Every_shipped_example_configuration_is_valid()
    {
        var examples = Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "Connector", "src", "Dataspace.Connector", "config"), "*.json");
        Assert.Equal(4, examples.Length);
        foreach (var file in examples)
            Assert.Empty(ConnectorOptionsValidator.Validate(ConnectorConfiguration.Load(file).Options));
    }

    [Fact]
    public void Environment_variables_override_the_file()
    {
        var file = Path.Combine(TestPaths.NewTempFolder(), "c.json");
        File.WriteAllText(file, """{"Dataspace":{"Participant":{"Name":"from-file","Country":"LU"}}}""");
        const string variable = "Dataspace__Participant__Country";
        Environment.SetEnvironmentVariable(variable, "DE");
        try
        {
            var options = ConnectorConfiguration.Load(file).Options;
            Assert.Equal(("from-file", "DE"), (options.Participant.Name, options.Participant.Country));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void A_missing_or_malformed_file_is_a_configuration_error()
    {
        Assert.Throws<ConnectorConfigurationException>(() => ConnectorConfiguration.Load("/nonexistent/connector.json"));
        var file = Path.Combine(TestPaths.NewTempFolder(), "bad.json");
        File.WriteAllText(file, "{ not json");
        Assert.Throws<ConnectorConfigurationException>(() => ConnectorConfiguration.Load(file));
    }

    [Fact]
    public void Insecure_or_incomplete_settings_are_each_reported()
    {
        var options = new ConnectorOptions
        {
            Participant = { PublicUrl = "http://hospital.example:8080", Country = "Luxembourg" },
            Storage = { Provider = "postgres" },
            Members = ["did:key:z6Mk"],
            Identity = { TokenLifetime = TimeSpan.FromHours(1) },
            Management = { ApiKeys = [new ApiKeyOptions { Key = "short", Role = "admin" }] },
        };
        var problems = ConnectorOptionsValidator.Validate(options);
        Assert.Contains(problems, p => p.Contains("plain http", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Country", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ConnectionString", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("did:key", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("TokenLifetime", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("16 characters", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'admin'", StringComparison.Ordinal));
        Assert.Throws<ConnectorConfigurationException>(() => ConnectorHost.Build(options));
    }

    [Fact]
    public void A_public_url_with_a_path_is_refused()
    {
        var options = new ConnectorOptions { Participant = { PublicUrl = "https://hospital.example/connector" } };
        Assert.Contains(ConnectorOptionsValidator.Validate(options), p => p.Contains("without a path", StringComparison.Ordinal));
    }
}
