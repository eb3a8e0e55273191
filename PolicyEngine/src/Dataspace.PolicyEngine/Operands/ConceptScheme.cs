using System.Collections.Frozen;

namespace Dataspace.PolicyEngine.Operands;

/// <summary>A small concept hierarchy (purposes, country groups) with aliases, used by eq, isA, isPartOf and hasPart.</summary>
public sealed class ConceptScheme
{
    private readonly FrozenDictionary<string, string> _canonical;
    private readonly FrozenDictionary<string, FrozenSet<string>> _ancestors;

    /// <summary>Builds the scheme and precomputes every concept's ancestors so evaluation is a set lookup.</summary>
    public ConceptScheme(IEnumerable<Concept> concepts)
    {
        var all = concepts.ToList();
        var broader = all.ToDictionary(c => c.Iri, c => c.Broader, StringComparer.Ordinal);
        var canonical = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var concept in all)
        {
            canonical[concept.Iri] = concept.Iri;
            foreach (var alias in concept.Aliases)
            {
                canonical[alias] = concept.Iri;
            }
        }

        _canonical = canonical.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _ancestors = all.ToFrozenDictionary(c => c.Iri, c => Ancestors(c.Iri, broader), StringComparer.Ordinal);
    }

    /// <summary>The concept IRI for an alias or IRI; values outside the scheme are returned unchanged.</summary>
    public string Normalize(string value) => _canonical.TryGetValue(value, out var iri) ? iri : value;

    /// <summary>True when <paramref name="narrower"/> is <paramref name="broader"/> or below it (both normalised).</summary>
    public bool IsWithin(string narrower, string broader) =>
        string.Equals(narrower, broader, StringComparison.Ordinal)
        || (_ancestors.TryGetValue(narrower, out var ancestors) && ancestors.Contains(broader));

    /// <summary>The concepts strictly broader than <paramref name="iri"/> (normalised); empty for values outside the scheme.</summary>
    public IReadOnlyCollection<string> BroaderThan(string iri) =>
        _ancestors.TryGetValue(iri, out var ancestors) ? ancestors : FrozenSet<string>.Empty;

    /// <summary>True when some value is within both <paramref name="first"/> and <paramref name="second"/>, so eq on each can hold at once.</summary>
    public bool Overlaps(string first, string second) =>
        IsWithin(first, second)
        || IsWithin(second, first)
        || _ancestors.Values.Any(ancestors => ancestors.Contains(first) && ancestors.Contains(second));

    private static FrozenSet<string> Ancestors(string iri, Dictionary<string, IReadOnlyList<string>> broader)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([iri]);
        while (pending.TryPop(out var current))
        {
            if (!broader.TryGetValue(current, out var parents))
            {
                continue;
            }

            foreach (var parent in parents)
            {
                if (found.Add(parent))
                {
                    pending.Push(parent);
                }
            }
        }

        return found.ToFrozenSet(StringComparer.Ordinal);
    }
}
