using System.Text.Json.Serialization;
using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Operands;

namespace Dataspace.PolicyEngine.Opa;

/// <summary>A JSON view of <see cref="PolicyRequest"/> with purposes and countries normalised as the ODRL operands read them.</summary>
/// <remarks>
/// Hierarchies are sent expanded (<see cref="Purposes"/>, <see cref="CountryGroups"/>) so Rego can test membership
/// without re-implementing the purpose and country schemes.
/// </remarks>
public sealed record OpaRequestInput
{
    [JsonPropertyName("action")]
    public required string Action { get; init; }

    [JsonPropertyName("target")]
    public required string Target { get; init; }

    [JsonPropertyName("participant")]
    public required string Participant { get; init; }

    [JsonPropertyName("now")]
    public required DateTimeOffset Now { get; init; }

    [JsonPropertyName("role")]
    public string? Role { get; init; }

    /// <summary>The caller's country as an ISO 3166-1 alpha-2 code.</summary>
    [JsonPropertyName("country")]
    public string? Country { get; init; }

    /// <summary>Groups the country belongs to ("EU", "EEA").</summary>
    [JsonPropertyName("countryGroups")]
    public IReadOnlyCollection<string> CountryGroups { get; init; } = [];

    /// <summary>The declared purpose as a concept IRI.</summary>
    [JsonPropertyName("purpose")]
    public string? Purpose { get; init; }

    /// <summary>The declared purpose and every broader purpose, e.g. health research, scientific research, R&amp;D.</summary>
    [JsonPropertyName("purposes")]
    public IReadOnlyCollection<string> Purposes { get; init; } = [];

    [JsonPropertyName("agreementTime")]
    public DateTimeOffset? AgreementTime { get; init; }

    [JsonPropertyName("useCount")]
    public long UseCount { get; init; }

    [JsonPropertyName("targetPartOf")]
    public IReadOnlyList<string> TargetPartOf { get; init; } = [];

    [JsonPropertyName("memberships")]
    public IReadOnlyList<string> Memberships { get; init; } = [];

    [JsonPropertyName("consentedPurposes")]
    public IReadOnlyList<string> ConsentedPurposes { get; init; } = [];

    [JsonPropertyName("fulfilledDuties")]
    public IReadOnlyCollection<string> FulfilledDuties { get; init; } = [];

    [JsonPropertyName("violatedDuties")]
    public IReadOnlyCollection<string> ViolatedDuties { get; init; } = [];

    [JsonPropertyName("claims")]
    public IReadOnlyDictionary<string, string> Claims { get; init; } = new Dictionary<string, string>();

    /// <summary>The view of <paramref name="request"/>.</summary>
    public static OpaRequestInput From(PolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var country = request.Country is { } c ? Countries.Scheme.Normalize(c) : null;
        var purpose = request.Purpose is { } p ? PurposeOfUse.Scheme.Normalize(p) : null;
        return new OpaRequestInput
        {
            Action = request.Action,
            Target = request.Target,
            Participant = request.Participant,
            Now = request.Now,
            Role = request.Role,
            Country = country,
            CountryGroups = country is null ? [] : [.. Countries.Scheme.BroaderThan(country).Order(StringComparer.Ordinal)],
            Purpose = purpose,
            Purposes = purpose is null ? [] : [purpose, .. PurposeOfUse.Scheme.BroaderThan(purpose).Order(StringComparer.Ordinal)],
            AgreementTime = request.AgreementTime,
            UseCount = request.UseCount,
            TargetPartOf = request.TargetPartOf,
            Memberships = request.Memberships,
            ConsentedPurposes = [.. request.ConsentedPurposes.Select(PurposeOfUse.Scheme.Normalize)],
            FulfilledDuties = [.. request.FulfilledDuties.Order(StringComparer.Ordinal)],
            ViolatedDuties = [.. request.ViolatedDuties.Order(StringComparer.Ordinal)],
            Claims = request.Claims,
        };
    }
}
