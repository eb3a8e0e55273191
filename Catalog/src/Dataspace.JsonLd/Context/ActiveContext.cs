using System.Collections.Concurrent;
using Dataspace.JsonLd.Compaction;

namespace Dataspace.JsonLd.Context;

/// <summary>The active context: term definitions, base IRI, vocabulary mapping, default language and base direction.</summary>
internal sealed class ActiveContext
{
    private InverseContext? _inverse;

    public ActiveContext(string? baseIri)
    {
        BaseIri = baseIri;
        OriginalBaseUrl = baseIri;
    }

    public Dictionary<string, TermDefinition> Terms { get; private init; } = new(StringComparer.Ordinal);
    public string? BaseIri { get; set; }
    public string? OriginalBaseUrl { get; private init; }
    public string? VocabularyMapping { get; set; }
    public string? DefaultLanguage { get; set; }
    public string? DefaultBaseDirection { get; set; }
    public ActiveContext? PreviousContext { get; set; }

    /// <summary>True once the context lives in a <see cref="JsonLdContextCache"/>: it may be used by several threads and must never be changed.</summary>
    public bool IsShared { get; set; }

    // A race may build the inverse context twice; both results are equal and the reference write is atomic.
    public InverseContext Inverse => _inverse ??= InverseContext.Create(this);

    /// <summary>Memoized vocabulary-relative IRI expansion of map keys, for finished contexts only (see <see cref="ExpandKey"/>).</summary>
    private ConcurrentDictionary<string, string?> KeyExpansionCache { get; } = new(StringComparer.Ordinal);

    /// <summary>IRI expansion of a map key (vocab = true) against this finished context, memoized because documents repeat their keys.</summary>
    public string? ExpandKey(string key)
    {
        if (!KeyExpansionCache.TryGetValue(key, out var expanded))
        {
            expanded = IriExpansion.Expand(this, key, vocab: true);
            KeyExpansionCache[key] = expanded;
        }

        return expanded;
    }

    /// <summary>Memoized IRI compaction results that do not depend on term selection; valid because a finished context never changes (concurrent because shared contexts are).</summary>
    public ConcurrentDictionary<(string Iri, bool Vocab, bool NoValue), string> IriCompactionCache { get; } = new();

    public TermDefinition? Term(string? term) => term is not null && Terms.TryGetValue(term, out var definition) ? definition : null;

    public bool HasProtectedTerms() => Terms.Values.Any(t => t.IsProtected);

    public ActiveContext Clone() => new(BaseIri)
    {
        Terms = new Dictionary<string, TermDefinition>(Terms, StringComparer.Ordinal),
        OriginalBaseUrl = OriginalBaseUrl,
        VocabularyMapping = VocabularyMapping,
        DefaultLanguage = DefaultLanguage,
        DefaultBaseDirection = DefaultBaseDirection,
        PreviousContext = PreviousContext,
    };

    /// <summary>A new empty context that keeps the original base URL (context nullification).</summary>
    public ActiveContext Reset() => new(OriginalBaseUrl) { OriginalBaseUrl = OriginalBaseUrl };
}
