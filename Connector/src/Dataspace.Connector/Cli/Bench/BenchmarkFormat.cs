using System.Globalization;

namespace Dataspace.Connector.Cli.Bench;

/// <summary>Number formats shared by the console table and the Markdown report.</summary>
public static class BenchmarkFormat
{
    /// <summary>Milliseconds with about four significant digits.</summary>
    public static string Milliseconds(double value) => value switch
    {
        < 1 => value.ToString("0.0000", CultureInfo.InvariantCulture),
        < 100 => value.ToString("0.00", CultureInfo.InvariantCulture),
        _ => value.ToString("0.0", CultureInfo.InvariantCulture),
    };

    /// <summary>Operations per second, rounded.</summary>
    public static string Rate(double value) => value.ToString(value < 100 ? "0.0" : "#,0", CultureInfo.InvariantCulture);

    /// <summary>A ratio such as "3.2×", or "—" when there is none.</summary>
    public static string Ratio(double? value) => value is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—";
}
