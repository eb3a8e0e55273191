using System.Collections.Frozen;
using System.Globalization;

namespace Dataspace.Catalog.Federation;

/// <summary>
/// An immutable search index over every participant's datasets. Built once per crawl, queried many times without locks:
/// words map to posting lists, and a sorted word list turns a query word into a prefix range.
/// </summary>
public sealed class FederatedCatalogIndex
{
    private readonly CatalogEntry[] _entries;
    private readonly FrozenDictionary<string, int[]> _postings;
    private readonly string[] _words;

    private FederatedCatalogIndex(CatalogEntry[] entries)
    {
        _entries = entries;
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            foreach (var word in Words(entries[i]).Distinct(StringComparer.Ordinal))
            {
                if (!postings.TryGetValue(word, out var list))
                    postings[word] = list = [];
                list.Add(i);
            }
        }
        _postings = postings.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _words = [.. postings.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>An index with no datasets.</summary>
    public static FederatedCatalogIndex Empty { get; } = new([]);

    /// <summary>How many datasets the index holds.</summary>
    public int Count => _entries.Length;

    /// <summary>Indexes <paramref name="entries"/>.</summary>
    public static FederatedCatalogIndex Build(IEnumerable<CatalogEntry> entries) => new([.. entries]);

    /// <summary>Runs <paramref name="query"/>.</summary>
    public CatalogQueryResult Query(CatalogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        IEnumerable<int> candidates = TextMatches(query.Text) ?? Enumerable.Range(0, _entries.Length);
        var hits = candidates.Select(i => _entries[i]).Where(e =>
            AnyOf(query.Publishers, e.Publisher is null ? [] : [e.Publisher])
            && AnyOf(query.Countries, e.Countries)
            && AnyOf(query.HealthCategories, e.HealthCategories)
            && AnyOf(query.Formats, e.Formats)
            && AnyOf(query.Purposes, e.Purposes)
            && AnyOf(query.Participants, [e.ParticipantDid])).ToList();

        var facets = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal)
        {
            ["publisher"] = CountValues(hits, e => e.Publisher is null ? [] : [e.Publisher]),
            ["country"] = CountValues(hits, e => e.Countries),
            ["healthCategory"] = CountValues(hits, e => e.HealthCategories),
            ["format"] = CountValues(hits, e => e.Formats),
            ["purpose"] = CountValues(hits, e => e.Purposes),
            ["participant"] = CountValues(hits, e => [e.ParticipantDid]),
        };
        var page = hits.Skip(Math.Max(0, query.Offset)).Take(Math.Clamp(query.Limit, 0, 1000)).ToList();
        return new CatalogQueryResult(hits.Count, page, facets);
    }

    /// <summary>Entry positions matching every query word as a word prefix, in index order; null when there is no text.</summary>
    private List<int>? TextMatches(string? text)
    {
        var queryWords = Tokenize(text).Distinct(StringComparer.Ordinal).ToList();
        if (queryWords.Count == 0)
            return null;
        HashSet<int>? result = null;
        foreach (var word in queryWords)
        {
            var matches = new HashSet<int>();
            var start = LowerBound(word);
            for (var i = start; i < _words.Length && _words[i].StartsWith(word, StringComparison.Ordinal); i++)
                matches.UnionWith(_postings[_words[i]]);
            if (result is null)
                result = matches;
            else
                result.IntersectWith(matches);
            if (result.Count == 0)
                return [];
        }
        return [.. result!.Order()];
    }

    private int LowerBound(string prefix)
    {
        int low = 0, high = _words.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (string.CompareOrdinal(_words[mid], prefix) < 0)
                low = mid + 1;
            else
                high = mid;
        }
        return low;
    }

    private static bool AnyOf(IReadOnlyList<string> wanted, IEnumerable<string> actual) =>
        wanted.Count == 0 || actual.Any(a => wanted.Contains(a, StringComparer.OrdinalIgnoreCase));

    private static Dictionary<string, int> CountValues(List<CatalogEntry> hits, Func<CatalogEntry, IEnumerable<string>> values)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in hits.SelectMany(h => values(h).Distinct(StringComparer.Ordinal)))
            counts[value] = counts.GetValueOrDefault(value) + 1;
        return counts;
    }

    private static IEnumerable<string> Words(CatalogEntry entry) =>
        Tokenize(entry.Title).Concat(Tokenize(entry.Description)).Concat(entry.Keywords.SelectMany(Tokenize))
            .Concat(entry.HealthCategories.SelectMany(Tokenize)).Concat(Tokenize(entry.Publisher));

    /// <summary>Lower-case words of letters and digits; accents are kept, so "santé" matches "santé".</summary>
    public static IEnumerable<string> Tokenize(string? text)
    {
        if (string.IsNullOrEmpty(text))
            yield break;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
                start = i;
            else if (!letter && start >= 0)
            {
                yield return text[start..i].ToLower(CultureInfo.InvariantCulture);
                start = -1;
            }
        }
    }
}
