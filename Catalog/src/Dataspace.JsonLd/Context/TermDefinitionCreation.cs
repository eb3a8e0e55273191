using Dataspace.JsonLd.Iri;

namespace Dataspace.JsonLd.Context;

/// <summary>The create term definition algorithm (JSON-LD 1.1 API §4.2.2).</summary>
internal static class TermDefinitionCreation
{
    private static readonly HashSet<string> AllowedEntries = new(StringComparer.Ordinal)
    {
        Keywords.Id, Keywords.Reverse, Keywords.Container, Keywords.Context, Keywords.Direction, Keywords.Index,
        Keywords.Language, Keywords.Nest, Keywords.Prefix, Keywords.Protected, Keywords.Type,
    };

    private static readonly HashSet<string> SingleContainers = new(StringComparer.Ordinal)
    {
        Keywords.Graph, Keywords.Id, Keywords.Index, Keywords.Language, Keywords.List, Keywords.Set, Keywords.Type,
    };

    public static void Create(TermCreationScope scope, ActiveContext active, string term)
    {
        if (scope.Defined.TryGetValue(term, out var done))
        {
            if (done)
            {
                return;
            }

            throw new JsonLdException(JsonLdErrorCode.CyclicIriMapping, $"term '{term}' is defined in terms of itself");
        }

        if (term.Length == 0)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, "the empty string is not a valid term");
        }

        scope.Defined[term] = false;
        var value = scope.LocalContext[term];
        var state = scope.State;

        if (term == Keywords.Type && !state.IsJsonLd10 && value is JsonMap typeMap && IsSetOnlyTypeDefinition(typeMap))
        {
            // JSON-LD 1.1 allows "@type": {"@container": "@set"} (optionally protected).
        }
        else if (Keywords.IsKeyword(term))
        {
            throw new JsonLdException(JsonLdErrorCode.KeywordRedefinition, $"keyword '{term}' cannot be redefined");
        }
        else if (Keywords.HasKeywordForm(term))
        {
            return;
        }

        var previous = active.Term(term);
        active.Terms.Remove(term);

        JsonMap map;
        var simpleTerm = false;
        switch (value)
        {
            case null:
                map = new JsonMap { [Keywords.Id] = null };
                break;
            case string s:
                map = new JsonMap { [Keywords.Id] = s };
                simpleTerm = true;
                break;
            case JsonMap m:
                map = m;
                break;
            default:
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, $"term '{term}' must be defined by null, a string or an object");
        }

        var definition = new TermDefinition { IsProtected = scope.IsProtected };
        if (map.TryGetValue(Keywords.Protected, out var protectedValue))
        {
            if (state.IsJsonLd10)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, "@protected is not allowed in json-ld-1.0");
            }

            definition.IsProtected = protectedValue as bool?
                ?? throw new JsonLdException(JsonLdErrorCode.InvalidProtectedValue, "@protected must be true or false");
        }

        if (map.TryGetValue(Keywords.Type, out var typeValue))
        {
            definition.TypeMapping = ExpandTypeMapping(scope, active, typeValue);
        }

        if (map.TryGetValue(Keywords.Reverse, out var reverse))
        {
            DefineReverse(scope, active, term, map, reverse, definition);
            return;
        }

        if (!DefineIriMapping(scope, active, term, map, definition, simpleTerm))
        {
            return;
        }

        if (map.TryGetValue(Keywords.Container, out var container))
        {
            definition.ContainerMapping = ValidateContainer(state, container);
            if (definition.HasContainer(Keywords.Type))
            {
                definition.TypeMapping ??= Keywords.Id;
                if (definition.TypeMapping is not (Keywords.Id or Keywords.Vocab))
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidTypeMapping, "a @type container requires @type @id or @vocab");
                }
            }
        }

        if (map.TryGetValue(Keywords.Index, out var index))
        {
            if (state.IsJsonLd10 || !definition.HasContainer(Keywords.Index))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, "@index requires an @index container in json-ld-1.1");
            }

            if (index is not string indexString || Keywords.IsKeyword(indexString)
                || !IriSyntax.IsAbsolute(IriExpansion.Expand(active, indexString, vocab: true, scope: scope)))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, "@index must be a term or IRI that expands to an IRI");
            }

            definition.IndexMapping = indexString;
        }

        if (map.TryGetValue(Keywords.Context, out var scopedContext))
        {
            if (state.IsJsonLd10)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, "scoped contexts are not allowed in json-ld-1.0");
            }

            try
            {
                ContextProcessing.Process(state, active, scopedContext, scope.BaseUrl, scope.RemoteContexts, overrideProtected: true, validateScopedContext: false);
            }
            catch (JsonLdException e) when (e.Code is not (JsonLdErrorCode.LoadingRemoteContextFailed or JsonLdErrorCode.RecursiveContextInclusion or JsonLdErrorCode.ContextOverflow or JsonLdErrorCode.ProcessingLimitExceeded))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidScopedContext, $"the scoped context of '{term}' is invalid: {e.Message}", e);
            }

            definition.HasLocalContext = true;
            definition.LocalContext = scopedContext;
            definition.BaseUrl = scope.BaseUrl;
        }

        if (map.TryGetValue(Keywords.Language, out var language) && !map.ContainsKey(Keywords.Type))
        {
            if (language is not (null or string))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidLanguageMapping, "@language must be null or a string");
            }

            definition.HasLanguageMapping = true;
            definition.LanguageMapping = (string?)language;
        }

        if (map.TryGetValue(Keywords.Direction, out var direction) && !map.ContainsKey(Keywords.Type))
        {
            if (direction is not (null or "ltr" or "rtl"))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidBaseDirection, "@direction must be null, \"ltr\" or \"rtl\"");
            }

            definition.HasDirectionMapping = true;
            definition.DirectionMapping = (string?)direction;
        }

        if (map.TryGetValue(Keywords.Nest, out var nest))
        {
            if (state.IsJsonLd10)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, "@nest is not allowed in json-ld-1.0");
            }

            if (nest is not string nestString || (Keywords.IsKeyword(nestString) && nestString != Keywords.Nest))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidNestValue, "@nest must be a term or @nest");
            }

            definition.NestValue = nestString;
        }

        if (map.TryGetValue(Keywords.Prefix, out var prefix))
        {
            if (state.IsJsonLd10 || term.Contains(':', StringComparison.Ordinal) || term.Contains('/', StringComparison.Ordinal))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, "@prefix is only allowed on simple terms in json-ld-1.1");
            }

            definition.IsPrefix = prefix as bool?
                ?? throw new JsonLdException(JsonLdErrorCode.InvalidPrefixValue, "@prefix must be true or false");
            if (definition.IsPrefix && Keywords.IsKeyword(definition.IriMapping))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, "a keyword alias cannot be a prefix");
            }
        }

        if (map.Keys.FirstOrDefault(k => !AllowedEntries.Contains(k)) is { } unknown)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, $"unexpected entry '{unknown}' in the definition of '{term}'");
        }

        Store(scope, active, term, definition, previous);
    }

    private static bool IsSetOnlyTypeDefinition(JsonMap map) =>
        map.Count > 0
        && map.Keys.All(k => k is Keywords.Container or Keywords.Protected)
        && (!map.TryGetValue(Keywords.Container, out var container)
            || container is Keywords.Set || (container is JsonList { Count: 1 } list && list[0] is Keywords.Set));

    private static string ExpandTypeMapping(TermCreationScope scope, ActiveContext active, object? typeValue)
    {
        if (typeValue is not string type)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidTypeMapping, "@type in a term definition must be a string");
        }

        var expanded = IriExpansion.Expand(active, type, vocab: true, scope: scope);
        if (scope.State.IsJsonLd10 && expanded is Keywords.Json or Keywords.None)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidTypeMapping, $"{expanded} type mappings are not allowed in json-ld-1.0");
        }

        if (expanded is not (Keywords.Id or Keywords.Json or Keywords.None or Keywords.Vocab) && !IriSyntax.IsAbsolute(expanded))
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidTypeMapping, $"'{type}' is not a valid type mapping");
        }

        return expanded!;
    }

    private static void DefineReverse(TermCreationScope scope, ActiveContext active, string term, JsonMap map, object? reverse, TermDefinition definition)
    {
        if (map.ContainsKey(Keywords.Id) || map.ContainsKey(Keywords.Nest))
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidReverseProperty, "a reverse property cannot have @id or @nest");
        }

        if (reverse is not string reverseIri)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, "@reverse must be a string");
        }

        if (Keywords.HasKeywordForm(reverseIri))
        {
            return;
        }

        var expanded = IriExpansion.Expand(active, reverseIri, vocab: true, scope: scope);
        if (!IriSyntax.IsAbsolute(expanded) && !IriSyntax.IsBlankNode(expanded))
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, $"@reverse '{reverseIri}' does not expand to an IRI");
        }

        definition.IriMapping = expanded;
        if (map.TryGetValue(Keywords.Container, out var container))
        {
            if (container is not (null or Keywords.Set or Keywords.Index))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidReverseProperty, "a reverse property container must be @set or @index");
            }

            definition.ContainerMapping = container is string c ? [c] : null;
        }

        if (map.TryGetValue(Keywords.Index, out var index) && definition.HasContainer(Keywords.Index))
        {
            definition.IndexMapping = index as string
                ?? throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, "@index must be a string");
        }

        definition.IsReverse = true;
        active.Terms[term] = definition;
        scope.Defined[term] = true;
    }

    /// <returns>false when the term is to be ignored (its @id has the form of a keyword).</returns>
    private static bool DefineIriMapping(TermCreationScope scope, ActiveContext active, string term, JsonMap map, TermDefinition definition, bool simpleTerm)
    {
        if (map.TryGetValue(Keywords.Id, out var id) && !Equals(id, term))
        {
            if (id is null)
            {
                definition.IriMapping = null;
                return true;
            }

            if (id is not string idString)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, $"@id of '{term}' must be a string");
            }

            if (!Keywords.IsKeyword(idString) && Keywords.HasKeywordForm(idString))
            {
                return false;
            }

            var expanded = IriExpansion.Expand(active, idString, vocab: true, scope: scope);
            if (!Keywords.IsKeyword(expanded) && !IriSyntax.IsAbsolute(expanded) && !IriSyntax.IsBlankNode(expanded))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, $"@id of '{term}' does not expand to an IRI, blank node or keyword");
            }

            if (expanded == Keywords.Context)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidKeywordAlias, "@context cannot be aliased");
            }

            definition.IriMapping = expanded;
            var colon = term.IndexOf(':', 1);
            if ((colon > 0 && colon < term.Length - 1) || term.Contains('/', StringComparison.Ordinal))
            {
                scope.Defined[term] = true;
                var termIri = IriExpansion.Expand(active, term, vocab: true, scope: scope);
                if (termIri != expanded)
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, $"term '{term}' looks like an IRI but maps to a different IRI");
                }
            }

            if (!term.Contains(':', StringComparison.Ordinal) && !term.Contains('/', StringComparison.Ordinal) && simpleTerm
                && expanded is { Length: > 0 } && (IriSyntax.IsGenDelim(expanded[^1]) || IriSyntax.IsBlankNode(expanded)))
            {
                definition.IsPrefix = true;
            }

            return true;
        }

        var termColon = term.IndexOf(':', 1);
        if (termColon > 0)
        {
            var prefix = term[..termColon];
            if (scope.LocalContext.ContainsKey(prefix))
            {
                Create(scope, active, prefix);
            }

            definition.IriMapping = active.Term(prefix) is { IriMapping: { } prefixIri }
                ? prefixIri + term[(termColon + 1)..]
                : term;
        }
        else if (term.Contains('/', StringComparison.Ordinal))
        {
            // The term is a relative IRI: it must not be looked up as a term while being defined.
            scope.Defined[term] = true;
            var expanded = IriExpansion.Expand(active, term, vocab: true, scope: scope);
            if (!IriSyntax.IsAbsolute(expanded))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, $"term '{term}' does not expand to an IRI");
            }

            definition.IriMapping = expanded;
        }
        else if (term == Keywords.Type)
        {
            definition.IriMapping = Keywords.Type;
        }
        else if (active.VocabularyMapping is not null)
        {
            definition.IriMapping = active.VocabularyMapping + term;
        }
        else
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, $"term '{term}' has no IRI mapping and there is no @vocab");
        }

        return true;
    }

    private static List<string> ValidateContainer(ProcessingState state, object? container)
    {
        List<string> values = container switch
        {
            string s => [s],
            JsonList list when list.All(i => i is string) => list.Cast<string>().ToList(),
            _ => throw new JsonLdException(JsonLdErrorCode.InvalidContainerMapping, "@container must be a string or an array of strings"),
        };

        if (state.IsJsonLd10 && (container is not string || values[0] is Keywords.Graph or Keywords.Id or Keywords.Type))
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidContainerMapping, $"container {string.Join(",", values)} is not allowed in json-ld-1.0");
        }

        if (!IsValidContainerCombination(values))
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidContainerMapping, $"invalid container combination {string.Join(",", values)}");
        }

        return values;
    }

    private static bool IsValidContainerCombination(List<string> values)
    {
        if (values.Any(v => !SingleContainers.Contains(v)) || values.Distinct(StringComparer.Ordinal).Count() != values.Count)
        {
            return false;
        }

        if (values.Count == 1)
        {
            return true;
        }

        if (values.Contains(Keywords.List))
        {
            return false;
        }

        if (values.Contains(Keywords.Graph))
        {
            // @graph combines with @id or @index (not both) and optionally @set.
            var others = values.Where(v => v != Keywords.Graph && v != Keywords.Set).ToList();
            return others.Count <= 1 && others.All(v => v is Keywords.Id or Keywords.Index);
        }

        return values.Count == 2 && values.Contains(Keywords.Set);
    }

    private static void Store(TermCreationScope scope, ActiveContext active, string term, TermDefinition definition, TermDefinition? previous)
    {
        if (!scope.OverrideProtected && previous is { IsProtected: true })
        {
            if (!definition.SameAs(previous))
            {
                throw new JsonLdException(JsonLdErrorCode.ProtectedTermRedefinition, $"protected term '{term}' cannot be redefined");
            }

            definition = previous;
        }

        active.Terms[term] = definition;
        scope.Defined[term] = true;
    }
}
