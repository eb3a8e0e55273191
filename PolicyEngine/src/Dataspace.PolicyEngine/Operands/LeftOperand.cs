using Dataspace.PolicyEngine.Evaluation;

namespace Dataspace.PolicyEngine.Operands;

/// <summary>A registered left operand: its IRI, a counterparty-safe label, its value type and how to read it from a request.</summary>
/// <param name="Iri">The left-operand IRI as it appears in expanded policies.</param>
/// <param name="Label">Short name used in counterparty-safe reasons ("purpose" → "purpose not permitted").</param>
/// <param name="Type">The value type; right operands are converted to it once, at compile time.</param>
/// <param name="Resolve">Reads the value from a request; must be pure and should not allocate.</param>
public sealed record LeftOperand(string Iri, string Label, OperandType Type, Func<PolicyRequest, OperandValue> Resolve)
{
    /// <summary>Hierarchy that eq, isA, isPartOf and hasPart respect; null compares concepts by IRI equality.</summary>
    public ConceptScheme? Scheme { get; init; }

    /// <summary>A left operand read from <see cref="PolicyRequest.Claims"/> under its own IRI.</summary>
    public static LeftOperand FromClaim(string iri, string label, OperandType type, ConceptScheme? scheme = null) =>
        new(iri, label, type, request =>
            request.Claims.TryGetValue(iri, out var text) && OperandValue.TryParse(text, type, scheme, out var value)
                ? value
                : OperandValue.Missing)
        {
            Scheme = scheme,
        };
}
