namespace Dataspace.PolicyEngine.Odrl;

/// <summary>An ODRL 2.2 policy. Policy-level assigner, assignee and target are already copied into rules that lack them.</summary>
public sealed record Policy(
    string Uid,
    PolicyType Type,
    IReadOnlyList<string> Profiles,
    Party? Assigner,
    Party? Assignee,
    Asset? Target,
    ConflictStrategy Conflict,
    IReadOnlyList<Permission> Permissions,
    IReadOnlyList<Prohibition> Prohibitions,
    IReadOnlyList<Duty> Obligations);
