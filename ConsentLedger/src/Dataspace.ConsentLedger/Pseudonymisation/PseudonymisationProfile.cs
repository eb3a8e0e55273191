using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>
/// A validated de-identification profile read from a JSON file: an allowlist per resource type and the rules for identifiers,
/// date shifting, generalisation and security labels. Instances only come from <see cref="Parse"/> and <see cref="Load"/>, so every one is valid.
/// </summary>
public sealed class PseudonymisationProfile
{
    private const string EmbeddedPrefix = "Dataspace.ConsentLedger.Pseudonymisation.Profiles.";

    private PseudonymisationProfile(
        string name,
        string? description,
        IdentifierHandling identifiers,
        int dateShiftMaxDays,
        ImmutableArray<SecurityLabel> securityLabels,
        ImmutableSortedDictionary<string, ResourceProfile> resources)
    {
        Name = name;
        Description = description;
        Identifiers = identifiers;
        DateShiftMaxDays = dateShiftMaxDays;
        SecurityLabels = securityLabels;
        Resources = resources;
    }

    /// <summary>The names of the profiles shipped inside this library, for <see cref="BuiltIn"/>.</summary>
    public static ImmutableArray<string> BuiltInNames { get; } =
    [
        .. typeof(PseudonymisationProfile).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(EmbeddedPrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[EmbeddedPrefix.Length..^".json".Length])
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The profile's name, e.g. <c>research-trends</c>.</summary>
    public string Name { get; }

    /// <summary>What the profile is for, in words.</summary>
    public string? Description { get; }

    /// <summary>What happens to identifiers.</summary>
    public IdentifierHandling Identifiers { get; }

    /// <summary>Every kept date moves by a per-patient number of days in [-N, -1] ∪ [1, N]; this is N.</summary>
    public int DateShiftMaxDays { get; }

    /// <summary>The labels written into <c>meta.security</c>.</summary>
    public ImmutableArray<SecurityLabel> SecurityLabels { get; }

    /// <summary>The allowed resource types and their rules; a type not here is dropped whole.</summary>
    public ImmutableSortedDictionary<string, ResourceProfile> Resources { get; }

    /// <summary>Reads and validates a profile from JSON text.</summary>
    /// <param name="json">The profile.</param>
    /// <param name="source">Where it came from, for the error message.</param>
    /// <exception cref="InvalidProfileException">The profile is not valid JSON or breaks a rule; every problem is listed.</exception>
    public static PseudonymisationProfile Parse(string json, string source = "(text)")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new InvalidProfileException(source, [new ProfileIssue("$", $"Not valid JSON: {e.Message}")]);
        }

        using (document)
        {
            var issues = ProfileValidator.Validate(document.RootElement);
            if (!issues.IsEmpty)
            {
                throw new InvalidProfileException(source, issues);
            }

            return Build(document.RootElement);
        }
    }

    /// <summary>Reads and validates a profile file.</summary>
    /// <exception cref="InvalidProfileException">The profile breaks a rule.</exception>
    public static PseudonymisationProfile Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>One of the profiles shipped with the library (see <see cref="BuiltInNames"/>).</summary>
    /// <exception cref="ArgumentException">No built-in profile has that name.</exception>
    public static PseudonymisationProfile BuiltIn(string name)
    {
        using var stream = typeof(PseudonymisationProfile).Assembly.GetManifestResourceStream(EmbeddedPrefix + name + ".json")
            ?? throw new ArgumentException($"No built-in pseudonymisation profile '{name}'; there are: {string.Join(", ", BuiltInNames)}.", nameof(name));
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"built-in '{name}'");
    }

    // Runs only on documents the validator accepted, so shapes and values are known to be right.
    private static PseudonymisationProfile Build(JsonElement root)
    {
        var resources = ImmutableSortedDictionary.CreateBuilder<string, ResourceProfile>(StringComparer.Ordinal);
        foreach (var resource in root.GetProperty("resources").EnumerateObject())
        {
            var rule = resource.Value;
            resources.Add(resource.Name, new ResourceProfile(
                resource.Name,
                [.. rule.GetProperty("allow").EnumerateArray().Select(p => p.GetString()!)],
                rule.TryGetProperty("patient", out var patient) ? patient.GetString() : null,
                rule.TryGetProperty("generalise", out var generalise)
                    ? generalise.EnumerateObject().ToImmutableDictionary(g => g.Name, g => ReadGeneralisation(g.Value), StringComparer.Ordinal)
                    : ImmutableDictionary<string, Generalisation>.Empty.WithComparers(StringComparer.Ordinal)));
        }

        return new PseudonymisationProfile(
            root.GetProperty("name").GetString()!,
            root.TryGetProperty("description", out var description) ? description.GetString() : null,
            root.GetProperty("identifiers").GetString() == "drop" ? IdentifierHandling.Drop : IdentifierHandling.Pseudonymise,
            root.GetProperty("dateShift").GetProperty("maxDays").GetInt32(),
            [.. root.GetProperty("securityLabels").EnumerateArray().Select(l => new SecurityLabel(l.GetProperty("system").GetString()!, l.GetProperty("code").GetString()!))],
            resources.ToImmutable());
    }

    private static Generalisation ReadGeneralisation(JsonElement rule)
    {
        var method = Enum.Parse<GeneralisationMethod>(rule.GetProperty("to").GetString()!, ignoreCase: true);
        int? years = rule.TryGetProperty("years", out var value) ? value.GetInt32() : null;
        return new Generalisation(method, years);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({Resources.Count} resource types)");
}
