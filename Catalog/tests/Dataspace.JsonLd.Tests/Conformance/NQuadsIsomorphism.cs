using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dataspace.JsonLd.Tests.Conformance;

/// <summary>Parses N-Quads and decides RDF dataset isomorphism (equality up to a bijection of blank node labels).</summary>
internal static partial class NQuadsIsomorphism
{
    public static List<string[]> Parse(string nquads)
    {
        var quads = new List<string[]>();
        foreach (var rawLine in nquads.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var terms = Term().Matches(line).Select(m => Normalize(m.Value)).ToList();
            if (terms.Count is < 3 or > 4 || !line.EndsWith('.'))
            {
                throw new FormatException($"not an N-Quads line: {line}");
            }

            quads.Add([terms[0], terms[1], terms[2], terms.Count == 4 ? terms[3] : string.Empty]);
        }

        return quads.DistinctBy(q => string.Join('\u0001', q)).ToList();
    }

    public static bool AreIsomorphic(List<string[]> expected, List<string[]> actual)
    {
        if (expected.Count != actual.Count)
        {
            return false;
        }

        var expectedBlanks = BlankNodes(expected);
        var actualBlanks = BlankNodes(actual);
        if (expectedBlanks.Count != actualBlanks.Count)
        {
            return false;
        }

        var expectedColors = Colors(expected, expectedBlanks);
        var actualColors = Colors(actual, actualBlanks);
        if (!expectedColors.Values.Order(StringComparer.Ordinal).SequenceEqual(actualColors.Values.Order(StringComparer.Ordinal)))
        {
            return false;
        }

        var actualSet = actual.Select(q => string.Join('\u0001', q)).ToHashSet(StringComparer.Ordinal);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        var usedTargets = new HashSet<string>(StringComparer.Ordinal);
        return Search(0, expectedBlanks, expectedColors, actualBlanks, actualColors, mapping, usedTargets, expected, actualSet);
    }

    private static bool Search(
        int index,
        List<string> blanks,
        Dictionary<string, string> colors,
        List<string> targets,
        Dictionary<string, string> targetColors,
        Dictionary<string, string> mapping,
        HashSet<string> used,
        List<string[]> expected,
        HashSet<string> actualSet)
    {
        if (index == blanks.Count)
        {
            return expected.All(q => actualSet.Contains(string.Join('\u0001', q.Select(t => mapping.GetValueOrDefault(t, t)))));
        }

        var blank = blanks[index];
        foreach (var target in targets)
        {
            if (used.Contains(target) || targetColors[target] != colors[blank])
            {
                continue;
            }

            mapping[blank] = target;
            used.Add(target);
            if (Search(index + 1, blanks, colors, targets, targetColors, mapping, used, expected, actualSet))
            {
                return true;
            }

            used.Remove(target);
            mapping.Remove(blank);
        }

        return false;
    }

    private static List<string> BlankNodes(List<string[]> quads) =>
        quads.SelectMany(q => q).Where(t => t.StartsWith("_:", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Colour refinement: a blank node's colour summarises its quads, with other blank nodes replaced by their colours.</summary>
    private static Dictionary<string, string> Colors(List<string[]> quads, List<string> blanks)
    {
        var colors = blanks.ToDictionary(b => b, _ => string.Empty, StringComparer.Ordinal);
        for (var round = 0; round < 4; round++)
        {
            var next = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var blank in blanks)
            {
                var signature = quads
                    .Where(q => q.Contains(blank))
                    .Select(q => string.Join(' ', q.Select(t => t == blank ? "@self" : t.StartsWith("_:", StringComparison.Ordinal) ? "_:" + colors[t] : t)))
                    .Order(StringComparer.Ordinal);
                next[blank] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', signature))))[..16];
            }

            colors = next;
        }

        return colors;
    }

    private static string Normalize(string term)
    {
        if (!term.StartsWith('"'))
        {
            return term;
        }

        var close = term.LastIndexOf('"');
        var lexical = Unescape(term[1..close]);
        var suffix = term[(close + 1)..];
        if (suffix.StartsWith('@'))
        {
            return $"\"{lexical}\"@{suffix[1..].ToLowerInvariant()}";
        }

        var datatype = suffix.StartsWith("^^", StringComparison.Ordinal) ? suffix[2..] : "<http://www.w3.org/2001/XMLSchema#string>";
        return $"\"{lexical}\"^^{datatype}";
    }

    private static string Unescape(string value)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var e = value[++i];
            switch (e)
            {
                case 't': builder.Append('\t'); break;
                case 'b': builder.Append('\b'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 'f': builder.Append('\f'); break;
                case 'u':
                    builder.Append((char)int.Parse(value.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                case 'U':
                    builder.Append(char.ConvertFromUtf32(int.Parse(value.AsSpan(i + 1, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                    i += 8;
                    break;
                default: builder.Append(e); break;
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex("""<[^>]*>|_:[^\s]+|"(?:[^"\\]|\\.)*"(?:@[a-zA-Z0-9-]+|\^\^<[^>]*>)?""")]
    private static partial Regex Term();
}
