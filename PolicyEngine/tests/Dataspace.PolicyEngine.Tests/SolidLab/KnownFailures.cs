namespace Dataspace.PolicyEngine.Tests.SolidLab;

/// <summary>SolidLab cases this engine fails on purpose, each with a one-line reason.</summary>
/// <remarks>
/// All six use policy-1 ("everybody can do everything") or policy-2 ("nobody can do anything"), whose rules have no
/// odrl:action. ODRL 2.2 requires one action per rule; SolidLab reads a missing action (and target and party) as "any".
/// The parser rejects such a policy instead, so nothing is granted by accident: for the prohibitions the outcome (Deny)
/// is the same, for the permissions it is the safe side.
/// </remarks>
internal static class KnownFailures
{
    private const string PermissionWithoutAction =
        "policy-1's permission has no odrl:action: rejected as malformed (fail closed), SolidLab expects it to permit any action";

    private const string ProhibitionWithoutAction =
        "policy-2's prohibition has no odrl:action: rejected as malformed (deny either way), SolidLab expects an Active prohibition of any action";

    public static IReadOnlyDictionary<string, string> Reasons { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["testcase-001-alice"] = PermissionWithoutAction,
        ["testcase-002-bob"] = PermissionWithoutAction,
        ["testcase-003-bob-write-y"] = PermissionWithoutAction,
        ["testcase-004-alice"] = ProhibitionWithoutAction,
        ["testcase-005-bob"] = ProhibitionWithoutAction,
        ["testcase-006-bob-write-y"] = ProhibitionWithoutAction,
    };
}
