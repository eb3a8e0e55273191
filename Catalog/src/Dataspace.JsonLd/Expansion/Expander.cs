using Dataspace.JsonLd.Context;
using Dataspace.JsonLd.Iri;
using static Dataspace.JsonLd.Expansion.NodeShapes;

namespace Dataspace.JsonLd.Expansion;

/// <summary>The expansion algorithm (JSON-LD 1.1 API §5.1.2): removes the context, expanding every term, IRI and value.</summary>
internal sealed class Expander(ProcessingState state)
{
    private static readonly HashSet<string> ValueObjectKeys = new(StringComparer.Ordinal)
    {
        Keywords.Direction, Keywords.Index, Keywords.Language, Keywords.Type, Keywords.Value,
    };

    /// <summary>Expands a whole document: the top-level result is always an array.</summary>
    public JsonList ExpandDocument(ActiveContext active, object? element, string? baseUrl)
    {
        var expanded = Expand(active, null, element, baseUrl);
        if (expanded is JsonMap map && map.Count == 1 && map.TryGetValue(Keywords.Graph, out var graph))
        {
            expanded = graph;
        }

        return expanded switch
        {
            null => [],
            JsonList list => list,
            _ => [expanded],
        };
    }

    public object? Expand(ActiveContext active, string? activeProperty, object? element, string? baseUrl, bool fromMap = false, bool insideList = false)
    {
        if (element is null)
        {
            return null;
        }

        var propertyDefinition = active.Term(activeProperty);
        if (IsScalar(element))
        {
            if (activeProperty is null or Keywords.Graph)
            {
                return null;
            }

            if (propertyDefinition is { HasLocalContext: true })
            {
                active = ContextProcessing.Process(state, active, propertyDefinition.LocalContext, propertyDefinition.BaseUrl, fromTermDefinition: true);
            }

            return ValueExpansion.Expand(active, activeProperty, element);
        }

        if (element is JsonList array)
        {
            return ExpandArray(active, activeProperty, array, baseUrl, fromMap, insideList || propertyDefinition?.HasContainer(Keywords.List) == true);
        }

        return ExpandMap(active, activeProperty, (JsonMap)element, baseUrl, fromMap, propertyDefinition);
    }

    private JsonList ExpandArray(ActiveContext active, string? activeProperty, JsonList array, string? baseUrl, bool fromMap, bool insideList)
    {
        var result = new JsonList(array.Count);
        foreach (var item in array)
        {
            var expanded = Expand(active, activeProperty, item, baseUrl, fromMap, insideList);
            if (insideList && expanded is JsonList nested)
            {
                expanded = new JsonMap { [Keywords.List] = nested };
            }

            if (expanded is JsonList items)
            {
                result.AddRange(items);
            }
            else if (expanded is not null)
            {
                result.Add(expanded);
            }
        }

        return result;
    }

    private object? ExpandMap(ActiveContext active, string? activeProperty, JsonMap element, string? baseUrl, bool fromMap, TermDefinition? propertyDefinition)
    {
        if (active.PreviousContext is not null && !fromMap && RevertsToPreviousContext(active, element))
        {
            active = active.PreviousContext;
        }

        if (propertyDefinition is { HasLocalContext: true })
        {
            active = ContextProcessing.Process(state, active, propertyDefinition.LocalContext, propertyDefinition.BaseUrl, overrideProtected: true, fromTermDefinition: true);
        }

        if (element.TryGetValue(Keywords.Context, out var localContext))
        {
            active = ContextProcessing.Process(state, active, localContext, baseUrl);
        }

        var typeScopedContext = active;
        string? inputType = null;
        var typeKeyFound = false;
        foreach (var key in TypeKeys(active, element))
        {
            var types = AsList(element[key]);
            foreach (var term in types.OfType<string>().Order(StringComparer.Ordinal))
            {
                if (typeScopedContext.Term(term) is { HasLocalContext: true } typeDefinition)
                {
                    active = ContextProcessing.Process(state, active, typeDefinition.LocalContext, typeDefinition.BaseUrl, propagate: false, fromTermDefinition: true);
                }
            }

            if (!typeKeyFound)
            {
                typeKeyFound = true;
                if (types.Count > 0 && types[^1] is string lastType)
                {
                    inputType = lastType;
                }
            }
        }

        if (inputType is not null)
        {
            inputType = IriExpansion.Expand(active, inputType, vocab: true);
        }

        var result = new JsonMap();
        ExpandEntries(active, typeScopedContext, activeProperty, element, baseUrl, inputType, result);
        return PostProcess(activeProperty, result);
    }

    /// <summary>The keys expanding to @type, in lexicographical order (usually there is at most one, so no sort is needed).</summary>
    private static IEnumerable<string> TypeKeys(ActiveContext active, JsonMap element)
    {
        List<string>? keys = null;
        foreach (var key in element.Keys)
        {
            if (active.ExpandKey(key) == Keywords.Type)
            {
                (keys ??= []).Add(key);
            }
        }

        if (keys is null)
        {
            return [];
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private static bool RevertsToPreviousContext(ActiveContext active, JsonMap element)
    {
        foreach (var key in element.Keys)
        {
            var expanded = active.ExpandKey(key);
            if (expanded == Keywords.Value || (expanded == Keywords.Id && element.Count == 1))
            {
                return false;
            }
        }

        return true;
    }

    private IEnumerable<KeyValuePair<string, object?>> Entries(JsonMap map) =>
        state.Options.Ordered ? map.OrderBy(e => e.Key, StringComparer.Ordinal) : map;

    private void ExpandEntries(ActiveContext active, ActiveContext typeScopedContext, string? activeProperty, JsonMap element, string? baseUrl, string? inputType, JsonMap result)
    {
        List<string>? nests = null;
        foreach (var (key, value) in Entries(element))
        {
            if (key == Keywords.Context)
            {
                continue;
            }

            var expandedProperty = active.ExpandKey(key);
            if (expandedProperty is null || (!expandedProperty.Contains(':', StringComparison.Ordinal) && !Keywords.IsKeyword(expandedProperty)))
            {
                continue;
            }

            if (Keywords.IsKeyword(expandedProperty))
            {
                if (expandedProperty == Keywords.Nest)
                {
                    if (activeProperty == Keywords.Reverse)
                    {
                        throw new JsonLdException(JsonLdErrorCode.InvalidReversePropertyMap, "keywords are not allowed in a reverse property map");
                    }

                    (nests ??= []).Add(key);
                    continue;
                }

                ExpandKeywordEntry(active, typeScopedContext, activeProperty, expandedProperty, value, baseUrl, inputType, result);
                continue;
            }

            ExpandPropertyEntry(active, key, expandedProperty, value, baseUrl, result);
        }

        if (nests is null)
        {
            return;
        }

        foreach (var nestingKey in state.Options.Ordered ? nests.Order(StringComparer.Ordinal) : (IEnumerable<string>)nests)
        {
            foreach (var nestedValue in AsList(element[nestingKey]))
            {
                if (nestedValue is not JsonMap nested || nested.Keys.Any(k => active.ExpandKey(k) == Keywords.Value))
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidNestValue, $"the value of '{nestingKey}' must be an object that is not a value object");
                }

                var nestContext = active.Term(nestingKey) is { HasLocalContext: true } nestDefinition
                    ? ContextProcessing.Process(state, active, nestDefinition.LocalContext, nestDefinition.BaseUrl, overrideProtected: true, fromTermDefinition: true)
                    : active;
                ExpandEntries(nestContext, typeScopedContext, activeProperty, nested, baseUrl, inputType, result);
            }
        }
    }

    private void ExpandKeywordEntry(
        ActiveContext active,
        ActiveContext typeScopedContext,
        string? activeProperty,
        string expandedProperty,
        object? value,
        string? baseUrl,
        string? inputType,
        JsonMap result)
    {
        if (activeProperty == Keywords.Reverse)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidReversePropertyMap, "keywords are not allowed in a reverse property map");
        }

        if (result.ContainsKey(expandedProperty) && expandedProperty is not (Keywords.Included or Keywords.Type))
        {
            throw new JsonLdException(JsonLdErrorCode.CollidingKeywords, $"more than one entry expands to {expandedProperty}");
        }

        object? expandedValue;
        switch (expandedProperty)
        {
            case Keywords.Id:
                if (value is not string id)
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidIdValue, "@id must be a string");
                }

                expandedValue = IriExpansion.Expand(active, id, documentRelative: true);
                break;
            case Keywords.Type:
                expandedValue = ExpandType(typeScopedContext, value, result);
                break;
            case Keywords.Graph:
                expandedValue = ToArray(Expand(active, Keywords.Graph, value, baseUrl));
                break;
            case Keywords.Included:
                if (state.IsJsonLd10)
                {
                    return;
                }

                // Expanding under @included (not null) keeps scalars and value objects, so they can be rejected.
                var included = ToArray(Expand(active, Keywords.Included, value, baseUrl));
                if (included.Any(i => !IsNodeObject(i)))
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidIncludedValue, "@included values must be node objects");
                }

                if (result.TryGetValue(Keywords.Included, out var previousIncluded))
                {
                    included.InsertRange(0, AsList(previousIncluded));
                }

                expandedValue = included;
                break;
            case Keywords.Value:
                if (inputType == Keywords.Json)
                {
                    if (state.IsJsonLd10)
                    {
                        throw new JsonLdException(JsonLdErrorCode.InvalidValueObjectValue, "JSON literals are not allowed in json-ld-1.0");
                    }

                    result[Keywords.Value] = value;
                    return;
                }

                if (value is not null && !IsScalar(value))
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidValueObjectValue, "@value must be a scalar or null");
                }

                result[Keywords.Value] = value;
                return;
            case Keywords.Language:
                expandedValue = value as string
                    ?? throw new JsonLdException(JsonLdErrorCode.InvalidLanguageTaggedString, "@language must be a string");
                break;
            case Keywords.Direction:
                if (state.IsJsonLd10)
                {
                    return;
                }

                if (value is not ("ltr" or "rtl"))
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidBaseDirection, "@direction must be \"ltr\" or \"rtl\"");
                }

                expandedValue = value;
                break;
            case Keywords.Index:
                expandedValue = value as string
                    ?? throw new JsonLdException(JsonLdErrorCode.InvalidIndexValue, "@index must be a string");
                break;
            case Keywords.List:
                if (activeProperty is null or Keywords.Graph)
                {
                    return;
                }

                expandedValue = ToArray(Expand(active, activeProperty, value, baseUrl, insideList: true));
                break;
            case Keywords.Set:
                expandedValue = Expand(active, activeProperty, value, baseUrl);
                break;
            case Keywords.Reverse:
                ExpandReverse(active, value, baseUrl, result);
                return;
            default:
                // Framing keywords only mean something during frame expansion, which this processor does not offer.
                return;
        }

        result[expandedProperty] = expandedValue;
    }

    private static object ExpandType(ActiveContext typeScopedContext, object? value, JsonMap result)
    {
        object expanded = value switch
        {
            string s => IriExpansion.Expand(typeScopedContext, s, documentRelative: true, vocab: true)!,
            JsonList list when list.All(i => i is string) =>
                list.Select(i => (object?)IriExpansion.Expand(typeScopedContext, (string)i!, documentRelative: true, vocab: true)).ToList(),
            _ => throw new JsonLdException(JsonLdErrorCode.InvalidTypeValue, "@type must be a string or an array of strings"),
        };

        if (result.TryGetValue(Keywords.Type, out var previous))
        {
            var combined = AsList(previous).ToList();
            combined.AddRange(AsList(expanded));
            return combined;
        }

        return expanded;
    }

    private void ExpandReverse(ActiveContext active, object? value, string? baseUrl, JsonMap result)
    {
        if (value is not JsonMap)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidReverseValue, "@reverse must be an object");
        }

        if (Expand(active, Keywords.Reverse, value, baseUrl) is not JsonMap expanded)
        {
            return;
        }

        if (expanded.TryGetValue(Keywords.Reverse, out var doubleReversed) && doubleReversed is JsonMap forward)
        {
            foreach (var (property, items) in forward)
            {
                AddToArray(result, property, items);
            }
        }

        foreach (var (property, items) in expanded)
        {
            if (property == Keywords.Reverse)
            {
                continue;
            }

            if (!result.TryGetValue(Keywords.Reverse, out var reverseValue) || reverseValue is not JsonMap reverseMap)
            {
                reverseMap = [];
                result[Keywords.Reverse] = reverseMap;
            }

            foreach (var item in AsList(items))
            {
                if (IsValueObject(item) || IsListObject(item))
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidReversePropertyValue, "a reverse property value must be a node object");
                }

                AddToArray(reverseMap, property, item);
            }
        }
    }

    private void ExpandPropertyEntry(ActiveContext active, string key, string expandedProperty, object? value, string? baseUrl, JsonMap result)
    {
        var definition = active.Term(key);
        object? expandedValue;
        if (definition?.TypeMapping == Keywords.Json)
        {
            expandedValue = new JsonMap { [Keywords.Value] = value, [Keywords.Type] = Keywords.Json };
        }
        else if (definition?.HasContainer(Keywords.Language) == true && value is JsonMap languageMap)
        {
            expandedValue = ExpandLanguageMap(active, definition, languageMap);
        }
        else if (definition is not null && value is JsonMap indexMap
            && (definition.HasContainer(Keywords.Index) || definition.HasContainer(Keywords.Type) || definition.HasContainer(Keywords.Id)))
        {
            expandedValue = ExpandIndexMap(active, key, definition, indexMap, baseUrl);
        }
        else
        {
            expandedValue = Expand(active, key, value, baseUrl);
        }

        if (expandedValue is null)
        {
            return;
        }

        if (definition?.HasContainer(Keywords.List) == true && !IsListObject(expandedValue))
        {
            expandedValue = new JsonMap { [Keywords.List] = ToArray(expandedValue) };
        }

        if (definition?.HasContainer(Keywords.Graph) == true && !definition.HasContainer(Keywords.Id) && !definition.HasContainer(Keywords.Index))
        {
            expandedValue = ToArray(expandedValue).Select(v => (object?)new JsonMap { [Keywords.Graph] = AsList(v) }).ToList();
        }

        if (definition?.IsReverse == true)
        {
            if (!result.TryGetValue(Keywords.Reverse, out var reverseValue) || reverseValue is not JsonMap reverseMap)
            {
                reverseMap = [];
                result[Keywords.Reverse] = reverseMap;
            }

            foreach (var item in ToArray(expandedValue))
            {
                if (IsValueObject(item) || IsListObject(item))
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidReversePropertyValue, "a reverse property value must be a node object");
                }

                AddToArray(reverseMap, expandedProperty, item);
            }

            return;
        }

        AddToArray(result, expandedProperty, expandedValue);
    }

    private JsonList ExpandLanguageMap(ActiveContext active, TermDefinition definition, JsonMap languageMap)
    {
        var result = new JsonList();
        var direction = definition.HasDirectionMapping ? definition.DirectionMapping : active.DefaultBaseDirection;
        foreach (var (language, languageValue) in Entries(languageMap))
        {
            foreach (var item in AsList(languageValue))
            {
                if (item is null)
                {
                    continue;
                }

                if (item is not string text)
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidLanguageMapValue, "language map values must be strings");
                }

                var value = new JsonMap { [Keywords.Value] = text };
                if (language != Keywords.None && IriExpansion.Expand(active, language, vocab: true) != Keywords.None)
                {
                    value[Keywords.Language] = language;
                }

                if (direction is not null)
                {
                    value[Keywords.Direction] = direction;
                }

                result.Add(value);
            }
        }

        return result;
    }

    private JsonList ExpandIndexMap(ActiveContext active, string key, TermDefinition definition, JsonMap indexMap, string? baseUrl)
    {
        var result = new JsonList();
        var indexKey = definition.IndexMapping ?? Keywords.Index;
        var isTypeMap = definition.HasContainer(Keywords.Type);
        var isIdMap = definition.HasContainer(Keywords.Id);
        var isIndexMap = definition.HasContainer(Keywords.Index);
        var isGraph = definition.HasContainer(Keywords.Graph);
        foreach (var (index, indexValue) in Entries(indexMap))
        {
            var mapContext = isIdMap || isTypeMap ? active.PreviousContext ?? active : active;
            if (isTypeMap && mapContext.Term(index) is { HasLocalContext: true } indexDefinition)
            {
                mapContext = ContextProcessing.Process(state, mapContext, indexDefinition.LocalContext, indexDefinition.BaseUrl, fromTermDefinition: true);
            }

            var expandedIndex = IriExpansion.Expand(active, index, vocab: true);
            var items = ToArray(Expand(mapContext, key, AsList(indexValue), baseUrl, fromMap: true));
            foreach (var expandedItem in items)
            {
                var item = expandedItem as JsonMap ?? throw new JsonLdException(JsonLdErrorCode.InvalidValueObject, "unexpected map entry value");
                if (isGraph && !IsGraphObject(item))
                {
                    item = new JsonMap { [Keywords.Graph] = AsList(item) };
                }

                if (isIndexMap && indexKey != Keywords.Index && expandedIndex != Keywords.None)
                {
                    if (IsValueObject(item))
                    {
                        throw new JsonLdException(JsonLdErrorCode.InvalidValueObject, "a property-valued index cannot apply to a value object");
                    }

                    var reExpandedIndex = ValueExpansion.Expand(active, indexKey, index);
                    var expandedIndexKey = IriExpansion.Expand(active, indexKey, vocab: true)!;
                    var indexPropertyValues = new JsonList { reExpandedIndex };
                    if (item.TryGetValue(expandedIndexKey, out var existing))
                    {
                        indexPropertyValues.AddRange(AsList(existing));
                    }

                    item[expandedIndexKey] = indexPropertyValues;
                }
                else if (isIndexMap && !item.ContainsKey(Keywords.Index) && expandedIndex != Keywords.None)
                {
                    item[Keywords.Index] = index;
                }
                else if (isIdMap && !item.ContainsKey(Keywords.Id) && expandedIndex != Keywords.None)
                {
                    item[Keywords.Id] = IriExpansion.Expand(active, index, documentRelative: true);
                }
                else if (isTypeMap && expandedIndex != Keywords.None)
                {
                    var types = new JsonList { expandedIndex };
                    if (item.TryGetValue(Keywords.Type, out var existingTypes))
                    {
                        types.AddRange(AsList(existingTypes));
                    }

                    item[Keywords.Type] = types;
                }

                result.Add(item);
            }
        }

        return result;
    }

    private static object? PostProcess(string? activeProperty, JsonMap result)
    {
        if (result.TryGetValue(Keywords.Value, out var value))
        {
            result.TryGetValue(Keywords.Type, out var type);
            if (result.Keys.Any(k => !ValueObjectKeys.Contains(k))
                || (type is not null && (result.ContainsKey(Keywords.Language) || result.ContainsKey(Keywords.Direction))))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidValueObject, "a value object has unexpected entries");
            }

            if (type is Keywords.Json)
            {
                // A JSON literal may hold any JSON value.
            }
            else if (value is null)
            {
                return null;
            }
            else if (value is not string && result.ContainsKey(Keywords.Language))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidLanguageTaggedValue, "only strings can have a language");
            }
            else if (result.ContainsKey(Keywords.Type) && (type is not string typeIri || !IriSyntax.IsWellFormedIri(typeIri)))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTypedValue, "the @type of a value object must be an IRI");
            }
        }
        else if (result.TryGetValue(Keywords.Type, out var type) && type is not JsonList)
        {
            result[Keywords.Type] = new JsonList { type };
        }
        else if (result.ContainsKey(Keywords.Set) || result.ContainsKey(Keywords.List))
        {
            if (result.Count > 2 || (result.Count == 2 && !result.ContainsKey(Keywords.Index)))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidSetOrListObject, "@set and @list objects may only have an @index besides");
            }

            if (result.TryGetValue(Keywords.Set, out var set))
            {
                return set;
            }
        }

        if (result.Count == 1 && result.ContainsKey(Keywords.Language))
        {
            return null;
        }

        if (activeProperty is null or Keywords.Graph
            && (result.Count == 0 || result.ContainsKey(Keywords.Value) || result.ContainsKey(Keywords.List)
                || (result.Count == 1 && result.ContainsKey(Keywords.Id))))
        {
            return null;
        }

        return result;
    }

    private static JsonList ToArray(object? value) => value switch
    {
        null => [],
        JsonList list => list,
        _ => [value],
    };
}
