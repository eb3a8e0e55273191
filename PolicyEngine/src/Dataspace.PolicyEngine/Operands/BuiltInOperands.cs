using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;

namespace Dataspace.PolicyEngine.Operands;

/// <summary>The left operands every connector understands, read from the caller's verified claims and the request.</summary>
public static class BuiltInOperands
{
    /// <summary>odrl:purpose over <see cref="PurposeOfUse.Scheme"/>.</summary>
    public static LeftOperand Purpose { get; } = new(OdrlIri.Purpose, "purpose", OperandType.Concept, r =>
        r.Purpose is { } purpose ? OperandValue.Concept(PurposeOfUse.Scheme.Normalize(purpose)) : OperandValue.Missing)
    {
        Scheme = PurposeOfUse.Scheme,
    };

    /// <summary>odrl:recipient: the caller's participant DID.</summary>
    public static LeftOperand Recipient { get; } = new(OdrlIri.Recipient, "recipient", OperandType.Concept, r =>
        OperandValue.Concept(r.Participant));

    /// <summary>The caller's participant role.</summary>
    public static LeftOperand Role { get; } = new(HealthPolicyIri.Role, "role", OperandType.Concept, r =>
        r.Role is { } role ? OperandValue.Concept(role) : OperandValue.Missing);

    /// <summary>odrl:spatial: the caller's country, within EU and EEA groups.</summary>
    public static LeftOperand Spatial { get; } = new(OdrlIri.Spatial, "country", OperandType.Concept, r =>
        r.Country is { } country ? OperandValue.Concept(Countries.Scheme.Normalize(country)) : OperandValue.Missing)
    {
        Scheme = Countries.Scheme,
    };

    /// <summary>odrl:dateTime: the current time of the request.</summary>
    public static LeftOperand DateTime { get; } = new(OdrlIri.DateTime, "time", OperandType.DateTime, r =>
        OperandValue.FromDateTime(r.Now));

    /// <summary>odrl:elapsedTime: time since the agreement was concluded.</summary>
    public static LeftOperand ElapsedTime { get; } = new(OdrlIri.ElapsedTime, "usage period", OperandType.Duration, r =>
        r.AgreementTime is { } since ? OperandValue.Elapsed(since, r.Now) : OperandValue.Missing);

    /// <summary>odrl:count: uses including the one requested, so "count lteq 10" allows exactly ten uses.</summary>
    public static LeftOperand Count { get; } = new(OdrlIri.Count, "use count", OperandType.Number, r =>
        OperandValue.FromNumber(r.UseCount + 1));

    /// <summary>True when a consented purpose covers the requested purpose (hierarchy-aware); false without a purpose.</summary>
    public static LeftOperand ConsentForPurpose { get; } = new(HealthPolicyIri.ConsentForPurpose, "consent", OperandType.Boolean, r =>
        OperandValue.FromBoolean(HasConsent(r)));

    /// <summary>All built-ins, in registration order.</summary>
    public static IReadOnlyList<LeftOperand> All { get; } =
        [Purpose, Recipient, Role, Spatial, DateTime, ElapsedTime, Count, ConsentForPurpose];

    private static bool HasConsent(PolicyRequest request)
    {
        if (request.Purpose is not { } requested)
        {
            return false;
        }

        var purpose = PurposeOfUse.Scheme.Normalize(requested);
        var consented = request.ConsentedPurposes;
        for (var i = 0; i < consented.Count; i++)
        {
            if (PurposeOfUse.Scheme.IsWithin(purpose, PurposeOfUse.Scheme.Normalize(consented[i])))
            {
                return true;
            }
        }

        return false;
    }
}
