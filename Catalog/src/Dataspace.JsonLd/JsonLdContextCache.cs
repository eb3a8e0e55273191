using System.Collections.Concurrent;
using Dataspace.JsonLd.Context;

namespace Dataspace.JsonLd;

/// <summary>A thread-safe cache of processed remote and scoped contexts shared between calls (set <see cref="JsonLdOptions.ContextCache"/>), so a context like DSP 2025-1 is processed once per process instead of once per message.</summary>
/// <remarks>
/// Only contexts that come from a URL, or from a term definition of an already shared context, are cached; inline
/// contexts of documents never are, so memory stays bounded by the contexts in use (and by <see cref="MaxEntries"/>).
/// Share one cache only between calls that use the same document loader: a URL is dereferenced once.
/// </remarks>
public sealed class JsonLdContextCache
{
    private readonly ConcurrentDictionary<(string? BaseIri, bool JsonLd10), ActiveContext> _initialContexts = new();
    private readonly ConcurrentDictionary<ContextCacheKey, ActiveContext> _processed = new();

    /// <summary>Creates a cache holding at most <paramref name="maxEntries"/> processed contexts.</summary>
    public JsonLdContextCache(int maxEntries = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        MaxEntries = maxEntries;
    }

    /// <summary>The maximum number of processed contexts kept; beyond it, results are used but not stored.</summary>
    public int MaxEntries { get; }

    /// <summary>The number of processed contexts currently held.</summary>
    public int Count => _processed.Count;

    internal ActiveContext InitialContext(string? baseIri, bool jsonLd10) =>
        _initialContexts.GetOrAdd((baseIri, jsonLd10), key => new ActiveContext(key.BaseIri) { IsShared = true });

    internal bool TryGet(ContextCacheKey key, out ActiveContext context) => _processed.TryGetValue(key, out context!);

    internal void Add(ContextCacheKey key, ActiveContext context)
    {
        context.IsShared = true;
        if (_processed.Count < MaxEntries)
        {
            _processed.TryAdd(key, context);
        }
    }
}
