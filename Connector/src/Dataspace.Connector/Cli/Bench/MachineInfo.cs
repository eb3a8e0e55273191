using System.Globalization;
using System.Runtime.InteropServices;

namespace Dataspace.Connector.Cli.Bench;

/// <summary>The machine figures were measured on: cores, CPU model, memory, OS, .NET version and how busy it was when the run started.</summary>
public sealed record MachineInfo(int Cores, string Cpu, string Memory, string OperatingSystem, string Runtime, string? LoadAverage = null)
{
    /// <summary>Reads the current machine (CPU and memory from /proc on Linux; "unknown" elsewhere).</summary>
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ProcValue("/proc/cpuinfo", "model name") ?? "unknown CPU",
        ProcValue("/proc/meminfo", "MemTotal") is { } total && long.TryParse(total.Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib)
            ? (kib / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " GiB RAM"
            : "unknown RAM",
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        LoadAverageNow());

    /// <summary>One line for reports.</summary>
    public override string ToString() =>
        $"{Cores} cores (nproc), {Cpu}, {Memory}, {OperatingSystem}, {Runtime}" + (LoadAverage is null ? string.Empty : $"; load average {LoadAverage} at start");

    // Other work on the machine skews timings; the 1-minute load average tells a reader how quiet it was.
    private static string? LoadAverageNow()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? ProcValue(string file, string key)
    {
        try
        {
            return File.ReadLines(file)
                .Where(line => line.StartsWith(key, StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
