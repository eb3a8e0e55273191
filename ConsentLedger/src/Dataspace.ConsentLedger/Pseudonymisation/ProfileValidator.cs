using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>
/// Checks a pseudonymisation profile file before anything is built from it: shape, known resource types, element paths that exist
/// for their type in FHIR R4 (Firely's class mappings), generalisations that fit their element, and a sane date-shift range.
/// </summary>
public static partial class ProfileValidator
{
    /// <summary>The widest date shift accepted, in days: ten years already ruins seasonality for research.</summary>
    public const int MaxDateShiftDays = 3650;

    /// <summary>The widest age band accepted, in years.</summary>
    public const int MaxAgeBandYears = 50;

    private static readonly string[] RootProperties = ["name", "description", "identifiers", "dateShift", "securityLabels", "resources"];
    private static readonly string[] ResourceProperties = ["allow", "patient", "generalise"];
    private static readonly string[] GeneralisationNames = ["year", "ageBand", "region"];

    /// <summary>Every problem in the profile, in file order; empty when it is valid.</summary>
    public static ImmutableArray<ProfileIssue> Validate(JsonElement profile)
    {
        var issues = ImmutableArray.CreateBuilder<ProfileIssue>();
        if (profile.ValueKind != JsonValueKind.Object)
        {
            issues.Add(new ProfileIssue("$", "A profile is a JSON object."));
            return issues.ToImmutable();
        }

        CheckProperties(profile, "$", RootProperties, issues);

        if (RequireString(profile, "name", "$", issues) is { } name && !NamePattern().IsMatch(name))
        {
            issues.Add(new ProfileIssue("$.name", $"'{name}' is not a profile name: use lowercase letters, digits and '-'."));
        }

        if (profile.TryGetProperty("description", out var description) && description.ValueKind != JsonValueKind.String)
        {
            issues.Add(new ProfileIssue("$.description", "description must be a string."));
        }

        if (RequireString(profile, "identifiers", "$", issues) is { } identifiers && identifiers is not ("pseudonymise" or "drop"))
        {
            issues.Add(new ProfileIssue("$.identifiers", $"Unknown identifier handling '{identifiers}'; expected 'pseudonymise' or 'drop'."));
        }

        CheckDateShift(profile, issues);
        CheckSecurityLabels(profile, issues);
        CheckResources(profile, issues);
        return issues.ToImmutable();
    }

    private static void CheckDateShift(JsonElement profile, ImmutableArray<ProfileIssue>.Builder issues)
    {
        if (!profile.TryGetProperty("dateShift", out var shift) || shift.ValueKind != JsonValueKind.Object)
        {
            issues.Add(new ProfileIssue("$.dateShift", "dateShift is required: an object with maxDays, since every kept date is shifted."));
            return;
        }

        CheckProperties(shift, "$.dateShift", ["maxDays"], issues);
        if (!shift.TryGetProperty("maxDays", out var max) || !IsWholeNumber(max, out var days) || days < 1 || days > MaxDateShiftDays)
        {
            issues.Add(new ProfileIssue("$.dateShift.maxDays", $"maxDays must be a whole number of days from 1 to {MaxDateShiftDays}."));
        }
    }

    private static void CheckSecurityLabels(JsonElement profile, ImmutableArray<ProfileIssue>.Builder issues)
    {
        if (!profile.TryGetProperty("securityLabels", out var labels) || labels.ValueKind != JsonValueKind.Array || labels.GetArrayLength() == 0)
        {
            issues.Add(new ProfileIssue("$.securityLabels", "securityLabels is required: at least one {system, code}, e.g. v3-ObservationValue PSEUDED."));
            return;
        }

        var index = 0;
        foreach (var label in labels.EnumerateArray())
        {
            var at = $"$.securityLabels[{index++}]";
            if (label.ValueKind != JsonValueKind.Object)
            {
                issues.Add(new ProfileIssue(at, "A security label is an object {system, code}."));
                continue;
            }

            CheckProperties(label, at, ["system", "code"], issues);
            if (RequireString(label, "system", at, issues) is { } system && !Uri.TryCreate(system, UriKind.Absolute, out _))
            {
                issues.Add(new ProfileIssue(at + ".system", $"'{system}' is not an absolute URI."));
            }

            RequireString(label, "code", at, issues);
        }
    }

    private static void CheckResources(JsonElement profile, ImmutableArray<ProfileIssue>.Builder issues)
    {
        if (!profile.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Object || !resources.EnumerateObject().Any())
        {
            issues.Add(new ProfileIssue("$.resources", "resources is required: an object from resource type to its rules."));
            return;
        }

        foreach (var resource in resources.EnumerateObject())
        {
            var at = $"$.resources.{resource.Name}";
            if (!ModelInfo.IsKnownResource(resource.Name) || ModelInfo.ModelInspector.FindClassMapping(resource.Name)!.NativeType.IsAbstract)
            {
                issues.Add(new ProfileIssue(at, $"Unknown resource type '{resource.Name}': not a concrete FHIR R4 resource."));
                continue;
            }

            if (resource.Value.ValueKind != JsonValueKind.Object)
            {
                issues.Add(new ProfileIssue(at, "A resource rule is an object with allow, and optionally patient and generalise."));
                continue;
            }

            CheckProperties(resource.Value, at, ResourceProperties, issues);
            var allowed = CheckAllow(resource.Name, resource.Value, at, issues);
            CheckPatient(resource.Name, resource.Value, at, issues);
            CheckGeneralise(resource.Name, resource.Value, at, allowed, issues);
        }
    }

    private static HashSet<string> CheckAllow(string type, JsonElement rule, string at, ImmutableArray<ProfileIssue>.Builder issues)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        if (!rule.TryGetProperty("allow", out var allow) || allow.ValueKind != JsonValueKind.Array || allow.GetArrayLength() == 0)
        {
            issues.Add(new ProfileIssue(at + ".allow", "allow is required: a non-empty array of element paths such as 'Observation.code'."));
            return allowed;
        }

        var index = 0;
        foreach (var entry in allow.EnumerateArray())
        {
            var entryAt = $"{at}.allow[{index++}]";
            if (entry.ValueKind != JsonValueKind.String)
            {
                issues.Add(new ProfileIssue(entryAt, "An allowed element is a path string."));
                continue;
            }

            var path = entry.GetString()!;
            if (!allowed.Add(path))
            {
                issues.Add(new ProfileIssue(entryAt, $"'{path}' is listed twice."));
                continue;
            }

            if (!ElementPath.TryResolve(type, path, out var resolved, out var error))
            {
                issues.Add(new ProfileIssue(entryAt, error));
            }
            else if (ReservedReason(resolved!.Steps[0].Name) is { } reason)
            {
                issues.Add(new ProfileIssue(entryAt, $"'{path}' cannot be allowlisted: {reason}"));
            }
        }

        return allowed;
    }

    private static string? ReservedReason(string element) => element switch
    {
        "id" => "the resource id is always replaced by its pseudonym.",
        "meta" => "meta is always replaced by the security labels, since versionId, lastUpdated and source can link records.",
        "contained" => "contained resources are never copied; they could carry anything.",
        _ => null,
    };

    private static void CheckPatient(string type, JsonElement rule, string at, ImmutableArray<ProfileIssue>.Builder issues)
    {
        if (!rule.TryGetProperty("patient", out var patient))
        {
            return;
        }

        if (patient.ValueKind != JsonValueKind.String)
        {
            issues.Add(new ProfileIssue(at + ".patient", "patient is a path string such as 'Observation.subject'."));
        }
        else if (type == "Patient")
        {
            issues.Add(new ProfileIssue(at + ".patient", "A Patient is its own patient; remove this."));
        }
        else if (!ElementPath.TryResolve(type, patient.GetString()!, out var resolved, out var error))
        {
            issues.Add(new ProfileIssue(at + ".patient", error));
        }
        else if (resolved!.Steps is not [{ IsCollection: false, Types: [var only] }] || only != typeof(ResourceReference))
        {
            issues.Add(new ProfileIssue(at + ".patient", $"'{resolved.Text}' must be a single Reference element directly on {type}, such as '{type}.subject'."));
        }
    }

    private static void CheckGeneralise(string type, JsonElement rule, string at, HashSet<string> allowed, ImmutableArray<ProfileIssue>.Builder issues)
    {
        if (!rule.TryGetProperty("generalise", out var generalise))
        {
            return;
        }

        if (generalise.ValueKind != JsonValueKind.Object)
        {
            issues.Add(new ProfileIssue(at + ".generalise", "generalise is an object from element path to {\"to\": year | ageBand | region}."));
            return;
        }

        foreach (var entry in generalise.EnumerateObject())
        {
            var entryAt = $"{at}.generalise['{entry.Name}']";
            if (!allowed.Contains(entry.Name))
            {
                issues.Add(new ProfileIssue(entryAt, $"'{entry.Name}' is generalised but not in allow, so it would be dropped anyway; add it to allow."));
                continue;
            }

            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                issues.Add(new ProfileIssue(entryAt, "A generalisation is an object {\"to\": year | ageBand | region}."));
                continue;
            }

            CheckProperties(entry.Value, entryAt, ["to", "years"], issues);
            var method = RequireString(entry.Value, "to", entryAt, issues);
            if (method is null)
            {
                continue;
            }

            if (!GeneralisationNames.Contains(method))
            {
                issues.Add(new ProfileIssue(entryAt + ".to", $"Unknown generalisation '{method}'; expected one of {string.Join(", ", GeneralisationNames)}."));
                continue;
            }

            CheckGeneralisationFits(type, entry.Name, method, entry.Value, entryAt, issues);
        }
    }

    private static void CheckGeneralisationFits(string type, string path, string method, JsonElement rule, string at, ImmutableArray<ProfileIssue>.Builder issues)
    {
        if (!ElementPath.TryResolve(type, path, out var resolved, out _))
        {
            return; // already reported under allow
        }

        var types = resolved!.LeafTypes;
        var fits = method == "region"
            ? types is [var t] && t == typeof(Address)
            : types.All(t => t == typeof(Date) || t == typeof(FhirDateTime));
        if (!fits)
        {
            var needs = method == "region" ? "an Address" : "a date or dateTime (name the choice type, e.g. 'effectiveDateTime')";
            issues.Add(new ProfileIssue(at + ".to", $"'{method}' needs {needs}; '{path}' is not."));
        }

        var hasYears = rule.TryGetProperty("years", out var years);
        if (method == "ageBand" && (!hasYears || !IsWholeNumber(years, out var width) || width < 1 || width > MaxAgeBandYears))
        {
            issues.Add(new ProfileIssue(at + ".years", $"ageBand needs years: the band width, a whole number from 1 to {MaxAgeBandYears}."));
        }
        else if (method != "ageBand" && hasYears)
        {
            issues.Add(new ProfileIssue(at + ".years", $"years only applies to ageBand, not to '{method}'."));
        }
    }

    private static string? RequireString(JsonElement parent, string property, string at, ImmutableArray<ProfileIssue>.Builder issues)
    {
        if (parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0)
        {
            return value.GetString();
        }

        issues.Add(new ProfileIssue($"{at}.{property}", $"{property} is required and must be a non-empty string."));
        return null;
    }

    private static bool IsWholeNumber(JsonElement value, out int number)
    {
        number = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out number);
    }

    private static void CheckProperties(JsonElement element, string at, string[] known, ImmutableArray<ProfileIssue>.Builder issues)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                issues.Add(new ProfileIssue($"{at}.{property.Name}", $"Unknown property '{property.Name}'; expected one of {string.Join(", ", known)}."));
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex NamePattern();
}
