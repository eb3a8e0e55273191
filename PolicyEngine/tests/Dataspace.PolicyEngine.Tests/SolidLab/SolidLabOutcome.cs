namespace Dataspace.PolicyEngine.Tests.SolidLab;

/// <summary>How one SolidLab case fared: every rule whose activation differs from the expected report, and the engine's explanation.</summary>
internal sealed record SolidLabOutcome(SolidLabCase Case, IReadOnlyList<string> Mismatches, string Explanation)
{
    public bool Passed => Mismatches.Count == 0;
}
