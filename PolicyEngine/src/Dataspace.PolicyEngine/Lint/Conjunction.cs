using Dataspace.PolicyEngine.Odrl;

namespace Dataspace.PolicyEngine.Lint;

/// <summary>
/// The constraints that must all hold at one level: a rule's constraint list with nested and/andSequence flattened in.
/// or/xone nodes are kept aside as <see cref="Choices"/>, since no single one of their branches is required.
/// </summary>
internal sealed record Conjunction(IReadOnlyList<(Constraint Constraint, string Path)> Atoms, IReadOnlyList<(LogicalConstraint Choice, string Path)> Choices)
{
    /// <summary>Flattens <paramref name="nodes"/>, the list at <paramref name="path"/> (e.g. <c>permission[0].constraint</c>).</summary>
    public static Conjunction Of(IReadOnlyList<ConstraintNode> nodes, string path) => Of(nodes.Select((node, i) => (node, $"{path}[{i}]")));

    /// <summary>Flattens one branch of an or/xone, found at <paramref name="path"/>.</summary>
    public static Conjunction OfBranch(ConstraintNode branch, string path) => Of([(branch, path)]);

    private static Conjunction Of(IEnumerable<(ConstraintNode Node, string Path)> items)
    {
        var atoms = new List<(Constraint, string)>();
        var choices = new List<(LogicalConstraint, string)>();
        foreach (var (node, path) in items)
        {
            Add(node, path);
        }

        return new Conjunction(atoms, choices);

        void Add(ConstraintNode node, string path)
        {
            switch (node)
            {
                case Constraint atom:
                    atoms.Add((atom, path));
                    break;
                case LogicalConstraint { Operator: LogicalOperator.And or LogicalOperator.AndSequence } all:
                    for (var i = 0; i < all.Constraints.Count; i++)
                    {
                        Add(all.Constraints[i], $"{path}.{Name(all.Operator)}[{i}]");
                    }

                    break;
                case LogicalConstraint choice:
                    choices.Add((choice, path));
                    break;
            }
        }
    }

    /// <summary>The ODRL term for a logical operator, as used in paths: and, or, xone, andSequence.</summary>
    public static string Name(LogicalOperator op) => op == LogicalOperator.AndSequence ? "andSequence" : op.ToString().ToLowerInvariant();

    /// <summary>Every atomic constraint under <paramref name="nodes"/>, in and out of choices, with its path.</summary>
    public static IEnumerable<(Constraint Constraint, string Path)> AllAtoms(IReadOnlyList<ConstraintNode> nodes, string path)
    {
        var level = Of(nodes, path);
        return level.Atoms.Concat(level.Choices.SelectMany(c => AllAtoms(c.Choice.Constraints, $"{c.Path}.{Name(c.Choice.Operator)}")));
    }
}
