using System.Collections.Frozen;

namespace Dataspace.PolicyEngine.Evaluation;

/// <summary>What is asked and by whom: the requested action on a target plus the caller's verified claims and usage state.</summary>
public sealed record PolicyRequest
{
    /// <summary>The requested action IRI, e.g. <c>http://www.w3.org/ns/odrl/2/use</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The target asset IRI.</summary>
    public required string Target { get; init; }

    /// <summary>The caller's verified participant DID.</summary>
    public required string Participant { get; init; }

    /// <summary>The current time; evaluation never reads the clock itself.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The caller's verified participant role, if any.</summary>
    public string? Role { get; init; }

    /// <summary>The caller's verified country (ISO 3166-1 alpha-2).</summary>
    public string? Country { get; init; }

    /// <summary>The declared purpose of use (IRI or alias such as "research").</summary>
    public string? Purpose { get; init; }

    /// <summary>When the agreement was concluded; elapsedTime is measured from here.</summary>
    public DateTimeOffset? AgreementTime { get; init; }

    /// <summary>How many times the agreement has been used before this request.</summary>
    public long UseCount { get; init; }

    /// <summary>Asset collections the target belongs to.</summary>
    public IReadOnlyList<string> TargetPartOf { get; init; } = [];

    /// <summary>Party collections the caller is a verified member of.</summary>
    public IReadOnlyList<string> Memberships { get; init; } = [];

    /// <summary>Purposes covered by patient consent on file (from the consent decision).</summary>
    public IReadOnlyList<string> ConsentedPurposes { get; init; } = [];

    /// <summary>Duties already fulfilled, by duty uid (or action IRI for duties without a uid).</summary>
    public IReadOnlySet<string> FulfilledDuties { get; init; } = FrozenSet<string>.Empty;

    /// <summary>Duties recorded as violated (missed deadline, failed audit), keyed like <see cref="FulfilledDuties"/>: a permission with an active violated duty is not granted.</summary>
    public IReadOnlySet<string> ViolatedDuties { get; init; } = FrozenSet<string>.Empty;

    /// <summary>Further verified claims by IRI, read by operands registered with <see cref="Operands.LeftOperand.FromClaim"/>.</summary>
    public IReadOnlyDictionary<string, string> Claims { get; init; } = FrozenDictionary<string, string>.Empty;
}
