using System.Collections.Frozen;
using Dataspace.ConsentLedger.Pseudonymisation;
using Dataspace.Connector.Hosting;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The pseudonymisation profiles this provider can apply: the built-in ones plus every <c>*.json</c> file of
/// <c>Transfer:ProfilesFolder</c>, loaded and validated once at start. An asset names its profile in its private data
/// address (<c>dataAddress.properties.pseudonymisationProfile</c>); an asset naming none gets <see cref="Default"/>.
/// </summary>
public sealed class PseudonymisationProfiles
{
    /// <summary>The data address property naming an asset's profile.</summary>
    public const string AssetProperty = "pseudonymisationProfile";

    /// <summary>The profile of assets that name none.</summary>
    public const string Default = "research-trends";

    private readonly FrozenDictionary<string, PseudonymisationProfile> _profiles;

    private PseudonymisationProfiles(Dictionary<string, PseudonymisationProfile> profiles) =>
        _profiles = profiles.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every profile name, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _profiles.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The profile called <paramref name="name"/>, or null.</summary>
    public PseudonymisationProfile? Find(string name) => _profiles.GetValueOrDefault(name);

    /// <summary>The name an asset with data address <paramref name="properties"/> asks for (<see cref="Default"/> when none).</summary>
    public static string NameFor(IReadOnlyDictionary<string, string>? properties) =>
        properties?.GetValueOrDefault(AssetProperty) is { Length: > 0 } name ? name : Default;

    /// <summary>Why an asset with data address <paramref name="properties"/> cannot be stored, or null when its profile is known.</summary>
    public string? Problem(IReadOnlyDictionary<string, string>? properties)
    {
        if (properties?.TryGetValue(AssetProperty, out var name) != true)
            return null;
        return Find(name!) is null ? $"'{name}' is not a pseudonymisation profile of this connector; known: {string.Join(", ", Names)}" : null;
    }

    /// <summary>
    /// The built-ins plus the files of <paramref name="folder"/> (none when null), with every problem found: a missing
    /// folder, an unreadable or invalid file (each issue with its JSONPath), a name defined twice.
    /// </summary>
    public static (PseudonymisationProfiles Profiles, IReadOnlyList<string> Problems) Load(string? folder)
    {
        var profiles = PseudonymisationProfile.BuiltInNames.ToDictionary(n => n, n => PseudonymisationProfile.BuiltIn(n), StringComparer.Ordinal);
        var sources = profiles.Keys.ToDictionary(n => n, n => "the built-in profile", StringComparer.Ordinal);
        var problems = new List<string>();
        if (folder is null)
            return (new PseudonymisationProfiles(profiles), problems);
        if (!Directory.Exists(folder))
            return (new PseudonymisationProfiles(profiles), [$"Transfer:ProfilesFolder: '{folder}' is not a folder."]);
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                var profile = PseudonymisationProfile.Load(file);
                if (sources.TryGetValue(profile.Name, out var other))
                {
                    problems.Add($"Transfer:ProfilesFolder: {Path.GetFileName(file)} defines profile '{profile.Name}', as does {other}.");
                    continue;
                }
                profiles[profile.Name] = profile;
                sources[profile.Name] = Path.GetFileName(file);
            }
            catch (InvalidProfileException e)
            {
                problems.AddRange(e.Issues.IsDefaultOrEmpty
                    ? [$"Transfer:ProfilesFolder: {Path.GetFileName(file)}: {e.Message}"]
                    : e.Issues.Select(issue => $"Transfer:ProfilesFolder: {Path.GetFileName(file)}: {issue}"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"Transfer:ProfilesFolder: {Path.GetFileName(file)} cannot be read: {e.Message}");
            }
        }
        return (new PseudonymisationProfiles(profiles), problems);
    }

    /// <summary>As <see cref="Load"/>, throwing <see cref="ConnectorConfigurationException"/> listing the problems.</summary>
    public static PseudonymisationProfiles LoadOrThrow(string? folder)
    {
        var (profiles, problems) = Load(folder);
        return problems.Count > 0 ? throw new ConnectorConfigurationException(problems) : profiles;
    }
}
