using System.Globalization;
using System.Text.RegularExpressions;

namespace Dataspace.Connector.Tests.Cli;

/// <summary>RDF dataset comparison for N-Quads documents: equal up to a renaming of blank nodes, literals compared by value (escapes, explicit xsd:string and language tag case do not matter).</summary>
public static partial class NQuadsEquivalence
{
    private const string XsdString = "<http://www.w3.org/2001/XMLSchema#string>";

    /// <summary>True when both documents hold isomorphic datasets.</summary>
    public static bool Isomorphic(string expected, string actual)
    {
        var left = Parse(expected);
        var right = Parse(actual);
        if (left.Count != right.Count)
        {
            return false;
        }

        var leftBlanks = BlankNodes(left);
        var rightBlanks = BlankNodes(right);
        if (leftBlanks.Count != rightBlanks.Count)
        {
            return false;
        }

        var leftColors = Colors(left, leftBlanks);
        var rightColors = Colors(right, rightBlanks);
        var rightQuads = right.Select(Key).ToHashSet(StringComparer.Ordinal);
        return Assign(0, leftBlanks, leftColors, rightBlanks, rightColors, [], [], left, rightQuads);
    }

    // Backtracking over candidates of equal colour; colours make this nearly linear for the suite's small datasets.
    private static bool Assign(int index, List<string> blanks, Dictionary<string, int> colors, List<string> targets, Dictionary<string, int> targetColors,
        Dictionary<string, string> mapping, HashSet<string> used, List<string[]> quads, HashSet<string> targetQuads)
    {
        if (index == blanks.Count)
        {
            return quads.All(q => targetQuads.Contains(Key(q.Select(t => mapping.GetValueOrDefault(t, t)).ToArray())));
        }

        var blank = blanks[index];
        foreach (var target in targets.Where(t => !used.Contains(t) && targetColors[t] == colors[blank]))
        {
            mapping[blank] = target;
            used.Add(target);
            if (Assign(index + 1, blanks, colors, targets, targetColors, mapping, used, quads, targetQuads))
            {
                return true;
            }

            used.Remove(target);
            mapping.Remove(blank);
        }

        return false;
    }

    private static Dictionary<string, int> Colors(List<string[]> quads, List<string> blanks)
    {
        var colors = blanks.ToDictionary(b => b, _ => 0, StringComparer.Ordinal);
        for (var round = 0; round < 4; round++)
        {
            colors = blanks.ToDictionary(
                b => b,
                b => string.Join('\n', quads.Where(q => q.Contains(b))
                    .Select(q => string.Join(' ', q.Select(t => t == b ? "@self" : IsBlank(t) ? "_:" + colors[t].ToString(CultureInfo.InvariantCulture) : t)))
                    .Order(StringComparer.Ordinal)).GetHashCode(StringComparison.Ordinal),
                StringComparer.Ordinal);
        }

        return colors;
    }

    private static List<string> BlankNodes(List<string[]> quads) => quads.SelectMany(q => q).Where(IsBlank).Distinct(StringComparer.Ordinal).ToList();

    private static bool IsBlank(string term) => term.StartsWith("_:", StringComparison.Ordinal);

    private static string Key(string[] quad) => string.Join('\u0001', quad);

    private static List<string[]> Parse(string nquads) => nquads.Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line =>
        {
            var terms = Term().Matches(line).Select(m => Normalize(m.Value)).ToList();
            return terms.Count is 3 or 4 && line.EndsWith('.')
                ? new[] { terms[0], terms[1], terms[2], terms.Count == 4 ? terms[3] : string.Empty }
                : throw new FormatException("not an N-Quads line: " + line);
        })
        .DistinctBy(Key, StringComparer.Ordinal)
        .ToList();

    private static string Normalize(string term)
    {
        if (!term.StartsWith('"'))
        {
            return term;
        }

        var close = term.LastIndexOf('"');
        var lexical = Regex.Unescape(term[1..close]);
        var suffix = term[(close + 1)..];
        return suffix.StartsWith('@') ? $"\"{lexical}\"@{suffix[1..].ToLowerInvariant()}"
            : suffix.Length == 0 || suffix == "^^" + XsdString ? $"\"{lexical}\""
            : $"\"{lexical}\"{suffix}";
    }

    [GeneratedRegex("""<[^>]*>|_:[^\s]+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?""")]
    private static partial Regex Term();
}
