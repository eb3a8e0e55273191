namespace Dataspace.Connector.Cli.Bench;

/// <summary>One benchmark of <c>dataspace bench</c>; a public class implementing this with a parameterless constructor is found and run automatically.</summary>
/// <remarks>Instances are created whenever the command line is built (to list names in help), so constructors must stay cheap: do the work in <see cref="RunAsync"/>.</remarks>
public interface IBenchmark
{
    /// <summary>Short lowercase name used on the command line and as the heading in docs/benchmarks.md.</summary>
    string Name { get; }

    /// <summary>One or two sentences: what is measured and against which baseline.</summary>
    string Description { get; }

    /// <summary>Measures and returns one row per case; use <see cref="BenchmarkContext.Plan"/> for iteration counts and <see cref="BenchmarkContext.Note"/> for anything a reader must know.</summary>
    Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken);
}
