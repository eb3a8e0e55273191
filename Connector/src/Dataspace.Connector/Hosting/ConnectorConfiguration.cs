namespace Dataspace.Connector.Hosting;

/// <summary>Reads a connector's configuration: the JSON file first, then <c>Dataspace__*</c> environment variables over it.</summary>
public static class ConnectorConfiguration
{
    /// <summary>Loads <paramref name="file"/> and the environment; the result also carries <c>Logging</c> settings.</summary>
    public static (ConnectorOptions Options, IConfiguration Configuration) Load(string file)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
            throw new ConnectorConfigurationException($"Configuration file {path} does not exist.");
        IConfiguration configuration;
        try
        {
            configuration = new ConfigurationBuilder().AddJsonFile(path, optional: false).AddEnvironmentVariables().Build();
        }
        catch (InvalidDataException e)
        {
            throw new ConnectorConfigurationException($"Configuration file {path} is not valid JSON: {e.Message}", e);
        }
        var options = new ConnectorOptions();
        try
        {
            configuration.GetSection(ConnectorOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new ConnectorConfigurationException($"Configuration file {path}: {e.Message}", e);
        }
        return (options, configuration);
    }
}
