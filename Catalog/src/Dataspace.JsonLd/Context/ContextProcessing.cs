using Dataspace.JsonLd.Iri;

namespace Dataspace.JsonLd.Context;

/// <summary>The context processing algorithm (JSON-LD 1.1 API §4.1.2): applies a local context to an active context.</summary>
internal static class ContextProcessing
{
    private static readonly HashSet<string> ContextKeywords = new(StringComparer.Ordinal)
    {
        Keywords.Base, Keywords.Direction, Keywords.Import, Keywords.Language, Keywords.Propagate,
        Keywords.Protected, Keywords.Version, Keywords.Vocab,
    };

    public static ActiveContext Process(
        ProcessingState state,
        ActiveContext active,
        object? localContext,
        string? baseUrl,
        IReadOnlyList<string>? remoteContexts = null,
        bool overrideProtected = false,
        bool propagate = true,
        bool validateScopedContext = true,
        bool fromTermDefinition = false)
    {
        remoteContexts ??= [];
        var cacheable = remoteContexts.Count == 0;
        var key = new ContextCacheKey(active, localContext, baseUrl, overrideProtected, propagate, validateScopedContext);
        if (cacheable && state.ProcessedContexts.TryGetValue(key, out var cached))
        {
            return cached;
        }

        // A scoped context of a shared context is as long-lived as that context, so its result can be shared too.
        var shared = cacheable && fromTermDefinition && active.IsShared ? state.Options.ContextCache : null;
        if (shared is not null && shared.TryGet(key, out var sharedResult))
        {
            state.ProcessedContexts[key] = sharedResult;
            return sharedResult;
        }

        var result = ProcessUncached(state, active, localContext, baseUrl, remoteContexts, overrideProtected, propagate, validateScopedContext);
        shared?.Add(key, result);
        if (cacheable)
        {
            state.ProcessedContexts[key] = result;
        }

        return result;
    }

    private static ActiveContext ProcessUncached(
        ProcessingState state,
        ActiveContext active,
        object? localContext,
        string? baseUrl,
        IReadOnlyList<string> remoteContexts,
        bool overrideProtected,
        bool propagate,
        bool validateScopedContext)
    {
        // result is copied before its first in-place change, so unchanged or shared contexts are never modified.
        var result = active;
        if (localContext is JsonMap first && first.TryGetValue(Keywords.Propagate, out var propagateValue) && propagateValue is bool p)
        {
            propagate = p;
        }

        if (!propagate && result.PreviousContext is null)
        {
            result = active.Clone();
            result.PreviousContext = active;
        }

        var contexts = localContext as JsonList ?? [localContext];
        foreach (var context in contexts)
        {
            switch (context)
            {
                case null:
                    if (!overrideProtected && result.HasProtectedTerms())
                    {
                        throw new JsonLdException(JsonLdErrorCode.InvalidContextNullification, "a context with protected terms cannot be nullified");
                    }

                    var before = result;
                    result = active.Reset();
                    if (!propagate)
                    {
                        result.PreviousContext = before;
                    }

                    break;
                case string reference:
                    result = ProcessRemote(state, result, reference, baseUrl, remoteContexts, validateScopedContext);
                    break;
                case JsonMap map:
                    if (ReferenceEquals(result, active) || result.IsShared)
                    {
                        result = result.Clone();
                    }

                    ProcessMap(state, result, map, baseUrl, remoteContexts, overrideProtected, validateScopedContext);
                    break;
                default:
                    throw new JsonLdException(JsonLdErrorCode.InvalidLocalContext, "a context must be null, a string or an object");
            }
        }

        return result;
    }

    private static ActiveContext ProcessRemote(
        ProcessingState state,
        ActiveContext result,
        string reference,
        string? baseUrl,
        IReadOnlyList<string> remoteContexts,
        bool validateScopedContext)
    {
        var url = IriResolution.Resolve(baseUrl, reference);
        if (remoteContexts.Contains(url))
        {
            if (!validateScopedContext)
            {
                return result;
            }

            throw new JsonLdException(JsonLdErrorCode.RecursiveContextInclusion, $"context '{url}' includes itself");
        }

        if (remoteContexts.Count >= state.Options.Limits.MaxContextDepth)
        {
            throw new JsonLdException(JsonLdErrorCode.ContextOverflow, $"more than {state.Options.Limits.MaxContextDepth} nested remote contexts");
        }

        var shared = remoteContexts.Count == 0 && validateScopedContext && result.IsShared ? state.Options.ContextCache : null;
        var key = new ContextCacheKey(result, url, null, false, true, true);
        if (shared is not null && shared.TryGet(key, out var sharedResult))
        {
            return sharedResult;
        }

        var processed = ProcessLoaded(state, result, url, remoteContexts, validateScopedContext);
        shared?.Add(key, processed);
        return processed;
    }

    private static ActiveContext ProcessLoaded(ProcessingState state, ActiveContext result, string url, IReadOnlyList<string> remoteContexts, bool validateScopedContext)
    {
        var (documentUrl, document) = state.Load(url, JsonLdErrorCode.LoadingRemoteContextFailed);
        if (document is not JsonMap map || !map.TryGetValue(Keywords.Context, out var loadedContext))
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidRemoteContext, $"'{url}' is not an object with an @context entry");
        }

        return Process(state, result, loadedContext, documentUrl, [.. remoteContexts, url], validateScopedContext: validateScopedContext);
    }

    private static void ProcessMap(
        ProcessingState state,
        ActiveContext result,
        JsonMap context,
        string? baseUrl,
        IReadOnlyList<string> remoteContexts,
        bool overrideProtected,
        bool validateScopedContext)
    {
        if (context.TryGetValue(Keywords.Version, out var version))
        {
            if (version is not 1.1)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidVersionValue, "@version must be 1.1");
            }

            if (state.IsJsonLd10)
            {
                throw new JsonLdException(JsonLdErrorCode.ProcessingModeConflict, "@version 1.1 in json-ld-1.0 processing mode");
            }
        }

        if (context.TryGetValue(Keywords.Import, out var import))
        {
            context = Import(state, context, import, baseUrl);
        }

        if (context.TryGetValue(Keywords.Base, out var baseValue) && remoteContexts.Count == 0)
        {
            result.BaseIri = baseValue switch
            {
                null => null,
                string b when IriSyntax.IsAbsolute(b) => b,
                string b when result.BaseIri is not null => IriResolution.Resolve(result.BaseIri, b),
                _ => throw new JsonLdException(JsonLdErrorCode.InvalidBaseIri, "@base must be null or an IRI"),
            };
        }

        if (context.TryGetValue(Keywords.Vocab, out var vocab))
        {
            result.VocabularyMapping = vocab switch
            {
                null => null,
                string v when IriSyntax.IsAbsolute(v) || IriSyntax.IsBlankNode(v) || !state.IsJsonLd10 =>
                    IriExpansion.Expand(result, v, documentRelative: true, vocab: true),
                _ => throw new JsonLdException(JsonLdErrorCode.InvalidVocabMapping, "@vocab must be null, an IRI or a blank node identifier"),
            };
        }

        if (context.TryGetValue(Keywords.Language, out var language))
        {
            result.DefaultLanguage = language switch
            {
                null => null,
                string l => l,
                _ => throw new JsonLdException(JsonLdErrorCode.InvalidDefaultLanguage, "@language must be null or a string"),
            };
        }

        if (context.TryGetValue(Keywords.Direction, out var direction))
        {
            if (state.IsJsonLd10)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidContextEntry, "@direction is not allowed in json-ld-1.0");
            }

            result.DefaultBaseDirection = direction switch
            {
                null => null,
                "ltr" or "rtl" => (string)direction,
                _ => throw new JsonLdException(JsonLdErrorCode.InvalidBaseDirection, "@direction must be null, \"ltr\" or \"rtl\""),
            };
        }

        if (context.TryGetValue(Keywords.Propagate, out var propagate))
        {
            if (state.IsJsonLd10)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidContextEntry, "@propagate is not allowed in json-ld-1.0");
            }

            if (propagate is not bool)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidPropagateValue, "@propagate must be true or false");
            }
        }

        var isProtected = false;
        if (context.TryGetValue(Keywords.Protected, out var protectedValue))
        {
            isProtected = protectedValue as bool?
                ?? throw new JsonLdException(JsonLdErrorCode.InvalidProtectedValue, "@protected must be true or false");
        }

        var scope = new TermCreationScope(state, context, baseUrl, isProtected, overrideProtected, remoteContexts, validateScopedContext);
        foreach (var term in context.Keys)
        {
            if (!ContextKeywords.Contains(term))
            {
                TermDefinitionCreation.Create(scope, result, term);
            }
        }
    }

    private static JsonMap Import(ProcessingState state, JsonMap context, object? import, string? baseUrl)
    {
        if (state.IsJsonLd10)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidContextEntry, "@import is not allowed in json-ld-1.0");
        }

        if (import is not string reference)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidImportValue, "@import must be a string");
        }

        var url = IriResolution.Resolve(baseUrl, reference);
        var (_, document) = state.Load(url, JsonLdErrorCode.LoadingRemoteContextFailed);
        if (document is not JsonMap map || !map.TryGetValue(Keywords.Context, out var imported) || imported is not JsonMap importedContext)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidRemoteContext, $"'{url}' does not hold a single context object");
        }

        if (importedContext.ContainsKey(Keywords.Import))
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidContextEntry, "an imported context must not itself use @import");
        }

        var merged = new JsonMap(importedContext, StringComparer.Ordinal);
        foreach (var (key, value) in context)
        {
            merged[key] = value;
        }

        return merged;
    }
}
