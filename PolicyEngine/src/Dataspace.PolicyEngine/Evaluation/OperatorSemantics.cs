using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;

namespace Dataspace.PolicyEngine.Evaluation;

/// <summary>What each ODRL operator means for each operand type; concepts compare by subsumption in their scheme.</summary>
internal static class OperatorSemantics
{
    // Durations that are not "elapsed since" values are anchored here so calendar parts compare consistently.
    private static readonly DateTimeOffset DurationAnchor = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool Supports(OperandType type, Operator op) => type switch
    {
        OperandType.Concept => op is not (Operator.Lt or Operator.Lteq or Operator.Gt or Operator.Gteq),
        OperandType.String => op is Operator.Eq or Operator.Neq or Operator.IsAnyOf or Operator.IsAllOf or Operator.IsNoneOf,
        OperandType.Boolean => op is Operator.Eq or Operator.Neq or Operator.IsAnyOf or Operator.IsNoneOf,
        _ => op is not (Operator.IsA or Operator.HasPart or Operator.IsPartOf),
    };

    public static bool Holds(Operator op, in OperandValue left, OperandValue[] right, ConceptScheme? scheme)
    {
        if (left.Type == OperandType.Concept)
        {
            return HoldsForConcept(op, left.Text!, right, scheme);
        }

        return op switch
        {
            Operator.Eq => Compare(left, right[0]) == 0,
            Operator.Neq => Compare(left, right[0]) != 0,
            Operator.Lt => Compare(left, right[0]) < 0,
            Operator.Lteq => Compare(left, right[0]) <= 0,
            Operator.Gt => Compare(left, right[0]) > 0,
            Operator.Gteq => Compare(left, right[0]) >= 0,
            Operator.IsAnyOf => CountEqual(left, right) > 0,
            Operator.IsAllOf => CountEqual(left, right) == right.Length,
            Operator.IsNoneOf => CountEqual(left, right) == 0,
            _ => false,
        };
    }

    private static bool HoldsForConcept(Operator op, string left, OperandValue[] right, ConceptScheme? scheme)
    {
        switch (op)
        {
            case Operator.Eq or Operator.IsA or Operator.IsPartOf:
                return Within(left, right[0].Text!, scheme);
            case Operator.Neq:
                return !Within(left, right[0].Text!, scheme);
            case Operator.HasPart:
                return Within(right[0].Text!, left, scheme);
        }

        var matches = 0;
        for (var i = 0; i < right.Length; i++)
        {
            if (Within(left, right[i].Text!, scheme))
            {
                matches++;
            }
        }

        return op switch
        {
            Operator.IsAnyOf => matches > 0,
            Operator.IsAllOf => matches == right.Length,
            Operator.IsNoneOf => matches == 0,
            _ => false,
        };
    }

    private static bool Within(string narrower, string broader, ConceptScheme? scheme) =>
        scheme?.IsWithin(narrower, broader) ?? string.Equals(narrower, broader, StringComparison.Ordinal);

    private static int CountEqual(in OperandValue left, OperandValue[] right)
    {
        var count = 0;
        for (var i = 0; i < right.Length; i++)
        {
            if (Compare(left, right[i]) == 0)
            {
                count++;
            }
        }

        return count;
    }

    private static int Compare(in OperandValue left, in OperandValue right) => left.Type switch
    {
        OperandType.Number => left.Number.CompareTo(right.Number),
        OperandType.DateTime => left.Time.CompareTo(right.Time),
        OperandType.Duration => CompareDuration(left, right),
        OperandType.Boolean => left.Flag.CompareTo(right.Flag),
        _ => string.CompareOrdinal(left.Text, right.Text),
    };

    // elapsed <= P2Y exactly when now <= since + P2Y, which respects month and leap-year lengths.
    private static int CompareDuration(in OperandValue left, in OperandValue right)
    {
        var since = left.IsElapsed ? left.Since : DurationAnchor;
        var end = left.IsElapsed ? left.Time : left.Duration.AddTo(DurationAnchor);
        return end.CompareTo(right.Duration.AddTo(since));
    }
}
