namespace Dataspace.Connector.Cli.Bench;

/// <summary>Finds the benchmarks: every public, concrete <see cref="IBenchmark"/> in this assembly with a parameterless constructor, by name.</summary>
public static class BenchmarkRegistry
{
    /// <summary>All benchmarks, ordered by name.</summary>
    public static IReadOnlyList<IBenchmark> All() =>
        typeof(IBenchmark).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(IBenchmark).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ToList();
}
