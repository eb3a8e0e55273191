namespace Dataspace.PolicyEngine.Odrl;

/// <summary>An ODRL atomic constraint: leftOperand operator rightOperand (or rightOperandReference).</summary>
public sealed record Constraint(
    string? Uid,
    string LeftOperand,
    Operator Operator,
    IReadOnlyList<RdfTerm> RightOperand,
    string? RightOperandReference,
    string? DataType,
    string? Unit) : ConstraintNode(Uid);
