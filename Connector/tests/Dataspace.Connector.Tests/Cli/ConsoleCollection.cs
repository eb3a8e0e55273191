namespace Dataspace.Connector.Tests.Cli;

/// <summary>Tests that swap Console.Out and Console.Error run in this collection, one at a time and never beside another collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Console";
}
