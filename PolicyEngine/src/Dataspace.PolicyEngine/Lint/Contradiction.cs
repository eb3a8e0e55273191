using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;

namespace Dataspace.PolicyEngine.Lint;

/// <summary>
/// Proves that constraints which must all hold cannot, by a deliberately simple check per left operand:
/// <list type="bullet">
/// <item>numbers, instants and day/time durations: the tightest lower and upper bounds (eq counts as both) must leave a value,
/// and an eq point must not be excluded by neq/isNoneOf; odrl:dateTime is also bounded below by now, since time only moves on;</item>
/// <item>concepts, strings and booleans: every two of eq/isA/isPartOf/isAnyOf/isAllOf must share a possible value
/// (concepts overlap in their scheme, e.g. EU and EEA share LU), and none may have all its values inside a neq/isNoneOf.</item>
/// </list>
/// Anything else (or/xone, hasPart, durations in years or months, references, unknown operands) is assumed satisfiable,
/// so a finding is always a real contradiction and a missed one only means the check was too simple.
/// </summary>
internal static class Contradiction
{
    /// <summary>Why <paramref name="conjuncts"/> can never all hold, or null when that is not provable.</summary>
    public static string? Find(IEnumerable<Constraint> conjuncts, OperandRegistry registry, DateTimeOffset? now)
    {
        foreach (var group in conjuncts.GroupBy(c => c.LeftOperand, StringComparer.Ordinal))
        {
            if (!registry.TryGet(group.Key, out var operand))
            {
                continue;
            }

            var facts = group.Select(c => Fact.Read(c, operand)).OfType<Fact>().ToList();
            var reason = operand.Type is OperandType.Number or OperandType.DateTime or OperandType.Duration
                ? Ordered(facts, operand.Iri == OdrlIri.DateTime ? now : null)
                : Nominal(facts, operand);
            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? Ordered(List<Fact> facts, DateTimeOffset? now)
    {
        Bound? lower = now is { } instant ? new Bound(instant.UtcTicks, false, null) : null;
        Bound? upper = null;
        var excluded = new List<(decimal Key, Fact Fact)>();
        foreach (var fact in facts)
        {
            var keys = fact.Values.Select(Key).ToList();
            if (keys.Contains(null))
            {
                continue;
            }

            switch (fact.Operator)
            {
                case Operator.Eq or Operator.IsAllOf:
                case Operator.IsAnyOf when keys.Count == 1:
                    foreach (var key in keys)
                    {
                        lower = Tighter(lower, new Bound(key!.Value, false, fact), isLower: true);
                        upper = Tighter(upper, new Bound(key.Value, false, fact), isLower: false);
                    }

                    break;
                case Operator.Gt or Operator.Gteq:
                    lower = Tighter(lower, new Bound(keys[0]!.Value, fact.Operator == Operator.Gt, fact), isLower: true);
                    break;
                case Operator.Lt or Operator.Lteq:
                    upper = Tighter(upper, new Bound(keys[0]!.Value, fact.Operator == Operator.Lt, fact), isLower: false);
                    break;
                case Operator.Neq or Operator.IsNoneOf:
                    excluded.AddRange(keys.Select(k => (k!.Value, fact)));
                    break;
            }
        }

        if (lower is null || upper is null)
        {
            return null;
        }

        if (lower.Key > upper.Key || (lower.Key == upper.Key && (lower.Strict || upper.Strict)))
        {
            return lower.Source is null
                ? $"{upper.Source!} can no longer hold: that time has passed"
                : $"{lower.Source} and {upper.Source!} cannot both hold";
        }

        var point = lower.Key == upper.Key ? excluded.FirstOrDefault(e => e.Key == lower.Key).Fact : null;
        return point is null ? null : $"{upper.Source!} and {point} cannot both hold";
    }

    private static string? Nominal(List<Fact> facts, LeftOperand operand)
    {
        var positives = facts
            .Where(f => f.Operator is Operator.Eq or Operator.IsA or Operator.IsPartOf or Operator.IsAnyOf or Operator.IsAllOf)
            .SelectMany(f => f.Operator == Operator.IsAllOf ? f.Values.Select(v => (Fact: f, Values: new[] { v })) : [(Fact: f, Values: f.Values)])
            .ToList();
        var negatives = facts.Where(f => f.Operator is Operator.Neq or Operator.IsNoneOf).ToList();
        for (var i = 0; i < positives.Count; i++)
        {
            for (var j = i + 1; j < positives.Count; j++)
            {
                var (first, second) = (positives[i], positives[j]);
                if (!first.Values.Any(a => second.Values.Any(b => Overlaps(a, b, operand.Scheme))))
                {
                    return ReferenceEquals(first.Fact, second.Fact)
                        ? $"{first.Fact} cannot hold: its values have nothing in common"
                        : $"{first.Fact} and {second.Fact} cannot both hold";
                }
            }

            foreach (var negative in negatives)
            {
                if (positives[i].Values.All(a => negative.Values.Any(n => Within(a, n, operand.Scheme))))
                {
                    return $"{positives[i].Fact} and {negative} cannot both hold";
                }
            }
        }

        return null;
    }

    // Durations with years or months have no fixed length, so they are left out rather than guessed.
    private static decimal? Key(OperandValue value) => value.Type switch
    {
        OperandType.Number => value.Number,
        OperandType.DateTime => value.Time.UtcTicks,
        OperandType.Duration when value.Duration is { Years: 0, Months: 0 } d =>
            (d.Negative ? -1 : 1) * ((decimal)d.Days * TimeSpan.TicksPerDay + d.Time.Ticks),
        _ => null,
    };

    private static Bound Tighter(Bound? current, Bound candidate, bool isLower)
    {
        if (current is null)
        {
            return candidate;
        }

        var comparison = candidate.Key.CompareTo(current.Key);
        var tighter = isLower ? comparison > 0 : comparison < 0;
        return tighter || (comparison == 0 && candidate.Strict && !current.Strict) ? candidate : current;
    }

    private static bool Overlaps(OperandValue a, OperandValue b, ConceptScheme? scheme) => a.Type switch
    {
        OperandType.Boolean => a.Flag == b.Flag,
        OperandType.Concept when scheme is not null => scheme.Overlaps(a.Text!, b.Text!),
        _ => string.Equals(a.Text, b.Text, StringComparison.Ordinal),
    };

    private static bool Within(OperandValue narrower, OperandValue broader, ConceptScheme? scheme) => narrower.Type switch
    {
        OperandType.Boolean => narrower.Flag == broader.Flag,
        OperandType.Concept when scheme is not null => scheme.IsWithin(narrower.Text!, broader.Text!),
        _ => string.Equals(narrower.Text, broader.Text, StringComparison.Ordinal),
    };

    /// <summary>A bound on an ordered operand; <see cref="Source"/> is null for the implicit "not before now".</summary>
    private sealed record Bound(decimal Key, bool Strict, Fact? Source);

    /// <summary>A constraint whose operator applies to its operand and whose right operands all read as the operand's type.</summary>
    private sealed record Fact(Constraint Constraint, Operator Operator, OperandValue[] Values)
    {
        public static Fact? Read(Constraint constraint, LeftOperand operand)
        {
            if (constraint.RightOperandReference is not null
                || constraint.RightOperand.Count == 0
                || !OperatorSemantics.Supports(operand.Type, constraint.Operator))
            {
                return null;
            }

            var values = new OperandValue[constraint.RightOperand.Count];
            for (var i = 0; i < values.Length; i++)
            {
                if (!OperandValue.TryFromTerm(constraint.RightOperand[i], operand.Type, operand.Scheme, out values[i]))
                {
                    return null;
                }
            }

            return new Fact(constraint, constraint.Operator, values);
        }

        public override string ToString() => Describe(Constraint);
    }

    /// <summary>A constraint as written: <c>odrl:count lt 5</c>.</summary>
    public static string Describe(Constraint constraint)
    {
        var op = constraint.Operator.ToString();
        return $"{OdrlIri.Abbreviate(constraint.LeftOperand)} {char.ToLowerInvariant(op[0])}{op[1..]} {string.Join(", ", constraint.RightOperand)}";
    }
}
