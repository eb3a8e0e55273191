using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;

namespace Dataspace.Connector.Cli;

/// <summary>Reads the REQUEST file of <c>dataspace policy eval</c>: a JSON object with the <see cref="PolicyRequest"/> fields in camelCase.</summary>
/// <remarks>Unknown fields are refused: a misspelt "purpose" silently ignored would change the decision.</remarks>
public static class PolicyRequestFile
{
    private static readonly FrozenSet<string> Known = new[]
    {
        "action", "target", "participant", "now", "role", "country", "purpose", "agreementTime", "useCount",
        "targetPartOf", "memberships", "consentedPurposes", "fulfilledDuties", "violatedDuties", "claims",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="file"/>; <c>now</c> defaults to <paramref name="clock"/>.</summary>
    /// <exception cref="PolicyInputException">The file cannot be read, is not JSON, or has a missing, unknown or mistyped field.</exception>
    public static PolicyRequest Read(FileInfo file, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(clock);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(PolicyFile.ReadText(file));
        }
        catch (JsonException e)
        {
            throw new PolicyInputException($"{file.Name}: not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var problems = new List<string>();
            var request = Read(document.RootElement, clock, problems);
            if (problems.Count > 0 || request is null)
            {
                throw new PolicyInputException([.. problems.Select(p => $"{file.Name}: {p}")]);
            }

            return request;
        }
    }

    /// <summary>Expands an action name: "use" and "odrl:use" become the ODRL IRI; anything else with a colon is taken as an IRI.</summary>
    public static string ActionIri(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.StartsWith("odrl:", StringComparison.Ordinal))
        {
            return OdrlIri.Ns + action["odrl:".Length..];
        }

        return action.Contains(':', StringComparison.Ordinal) ? action : OdrlIri.Ns + action;
    }

    private static PolicyRequest? Read(JsonElement root, TimeProvider clock, List<string> problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add("the request must be a JSON object");
            return null;
        }

        problems.AddRange(root.EnumerateObject().Where(p => !Known.Contains(p.Name)).Select(p => $"unknown field '{p.Name}'"));
        var action = Text(root, "action", problems, required: true);
        var target = Text(root, "target", problems, required: true);
        var participant = Text(root, "participant", problems, required: true);
        var now = Time(root, "now", problems);
        var useCount = root.TryGetProperty("useCount", out var count) ? Count(count, problems) : 0;
        var claims = Claims(root, problems);
        if (action is null || target is null || participant is null)
        {
            return null;
        }

        return new PolicyRequest
        {
            Action = ActionIri(action),
            Target = target,
            Participant = participant,
            Now = now ?? clock.GetUtcNow(),
            Role = Text(root, "role", problems),
            Country = Text(root, "country", problems),
            Purpose = Text(root, "purpose", problems),
            AgreementTime = Time(root, "agreementTime", problems),
            UseCount = useCount,
            TargetPartOf = Texts(root, "targetPartOf", problems),
            Memberships = Texts(root, "memberships", problems),
            ConsentedPurposes = Texts(root, "consentedPurposes", problems),
            FulfilledDuties = Texts(root, "fulfilledDuties", problems).ToFrozenSet(StringComparer.Ordinal),
            ViolatedDuties = Texts(root, "violatedDuties", problems).ToFrozenSet(StringComparer.Ordinal),
            Claims = claims,
        };
    }

    private static string? Text(JsonElement root, string name, List<string> problems, bool required = false)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problems.Add($"missing field '{name}'");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
        {
            problems.Add($"'{name}' must be a non-empty string");
            return null;
        }

        return value.GetString();
    }

    private static DateTimeOffset? Time(JsonElement root, string name, List<string> problems)
    {
        var text = Text(root, name, problems);
        if (text is null)
        {
            return null;
        }

        // A time without an offset would silently take the machine's zone; policies compare instants.
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            problems.Add($"'{name}' must be an ISO 8601 date-time, got '{text}'");
            return null;
        }

        return time;
    }

    private static long Count(JsonElement value, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var count) && count >= 0)
        {
            return count;
        }

        problems.Add("'useCount' must be a non-negative integer");
        return 0;
    }

    private static string[] Texts(JsonElement root, string name, List<string> problems)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            problems.Add($"'{name}' must be an array of strings");
            return [];
        }

        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }

    private static FrozenDictionary<string, string> Claims(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("claims", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return FrozenDictionary<string, string>.Empty;
        }

        if (value.ValueKind != JsonValueKind.Object || value.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            problems.Add("'claims' must be an object whose values are strings (claim IRI to value)");
            return FrozenDictionary<string, string>.Empty;
        }

        return value.EnumerateObject().ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }
}
