using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Dataspace.PolicyEngine.Operands;

/// <summary>The left operands a policy may use; anything not registered is denied with a reason (closed world).</summary>
public sealed class OperandRegistry
{
    private readonly FrozenDictionary<string, LeftOperand> _operands;

    /// <summary>A registry holding exactly <paramref name="operands"/> (a later one with the same IRI wins).</summary>
    public OperandRegistry(IEnumerable<LeftOperand> operands)
    {
        var byIri = new Dictionary<string, LeftOperand>(StringComparer.Ordinal);
        foreach (var operand in operands)
        {
            byIri[operand.Iri] = operand;
        }

        _operands = byIri.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The built-in operands: purpose, recipient, role, spatial, dateTime, elapsedTime, count, consentForPurpose.</summary>
    public static OperandRegistry Default { get; } = new(BuiltInOperands.All);

    public IEnumerable<LeftOperand> Operands => _operands.Values;

    /// <summary>A new registry with <paramref name="operand"/> added or replacing the one with its IRI.</summary>
    public OperandRegistry With(LeftOperand operand) => new(_operands.Values.Append(operand));

    public bool TryGet(string iri, [NotNullWhen(true)] out LeftOperand? operand) => _operands.TryGetValue(iri, out operand);
}
