using Dataspace.PolicyEngine.Odrl;

namespace Dataspace.PolicyEngine.Evaluation;

/// <summary>A rule flattened into indices of the compiled constraint table.</summary>
internal sealed record CompiledRule
{
    public required Rule Rule { get; init; }

    public required RuleKind Kind { get; init; }

    public required string Name { get; init; }

    public required int[] ActionRefinements { get; init; }

    public required int[] TargetRefinements { get; init; }

    public required int[] AssigneeRefinements { get; init; }

    public required int[] Constraints { get; init; }

    /// <summary>Indices of this permission's duties in the rule table.</summary>
    public int[] Duties { get; init; } = [];

    /// <summary>The key a duty is reported under in <see cref="PolicyRequest.FulfilledDuties"/> and <see cref="PolicyRequest.ViolatedDuties"/>.</summary>
    public string FulfilmentKey => Rule.Uid ?? Rule.Action.Iri;
}
