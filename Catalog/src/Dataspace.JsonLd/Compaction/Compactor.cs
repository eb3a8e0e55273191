using Dataspace.JsonLd.Context;
using static Dataspace.JsonLd.Expansion.NodeShapes;

namespace Dataspace.JsonLd.Compaction;

/// <summary>The compaction algorithm (JSON-LD 1.1 API §6.1.2): shortens expanded JSON-LD with terms, compact IRIs and containers.</summary>
internal sealed class Compactor(ProcessingState state)
{
    private bool CompactArrays => state.Options.CompactArrays;

    public string? CompactIri(ActiveContext active, string iri, bool vocab) => IriCompaction.Compact(state, active, iri, vocab: vocab);

    public object? Compact(ActiveContext active, string? activeProperty, object? element)
    {
        if (element is null || IsScalar(element))
        {
            return element;
        }

        if (element is JsonList array)
        {
            var result = new JsonList(array.Count);
            foreach (var item in array)
            {
                var compacted = Compact(active, activeProperty, item);
                if (compacted is not null)
                {
                    result.Add(compacted);
                }
            }

            var definition = active.Term(activeProperty);
            if (result.Count != 1 || !CompactArrays || activeProperty is Keywords.Graph or Keywords.Set
                || definition?.HasContainer(Keywords.List) == true || definition?.HasContainer(Keywords.Set) == true)
            {
                return result;
            }

            return result[0];
        }

        return CompactMap(active, activeProperty, (JsonMap)element);
    }

    private object? CompactMap(ActiveContext active, string? activeProperty, JsonMap element)
    {
        var typeScopedContext = active;
        if (active.PreviousContext is not null && !element.ContainsKey(Keywords.Value)
            && !(element.Count == 1 && element.ContainsKey(Keywords.Id)))
        {
            active = active.PreviousContext;
        }

        if (typeScopedContext.Term(activeProperty) is { HasLocalContext: true } propertyDefinition)
        {
            active = ContextProcessing.Process(state, active, propertyDefinition.LocalContext, propertyDefinition.BaseUrl, overrideProtected: true, fromTermDefinition: true);
        }

        if (element.ContainsKey(Keywords.Value) || element.ContainsKey(Keywords.Id))
        {
            var compactedValue = ValueCompaction.Compact(state, active, activeProperty, element);
            if (IsScalar(compactedValue) || active.Term(activeProperty)?.TypeMapping == Keywords.Json)
            {
                return compactedValue;
            }
        }

        if (IsListObject(element) && active.Term(activeProperty)?.HasContainer(Keywords.List) == true)
        {
            return Compact(active, activeProperty, element[Keywords.List]);
        }

        var insideReverse = activeProperty == Keywords.Reverse;
        var result = new JsonMap();
        if (element.TryGetValue(Keywords.Type, out var typeValue))
        {
            typeScopedContext = active;
            var compactedTypes = AsList(typeValue)
                .Select(t => IriCompaction.Compact(state, typeScopedContext, t as string, vocab: true))
                .OfType<string>()
                .Order(StringComparer.Ordinal);
            foreach (var term in compactedTypes)
            {
                if (typeScopedContext.Term(term) is { HasLocalContext: true } typeDefinition)
                {
                    active = ContextProcessing.Process(state, active, typeDefinition.LocalContext, typeDefinition.BaseUrl, propagate: false, fromTermDefinition: true);
                }
            }
        }

        var entries = state.Options.Ordered ? element.OrderBy(e => e.Key, StringComparer.Ordinal) : (IEnumerable<KeyValuePair<string, object?>>)element;
        foreach (var (expandedProperty, expandedValue) in entries)
        {
            CompactEntry(active, typeScopedContext, activeProperty, expandedProperty, expandedValue, insideReverse, result);
        }

        return result;
    }

    private string Alias(ActiveContext active, string keyword) => IriCompaction.Compact(state, active, keyword, vocab: true)!;

    private void CompactEntry(ActiveContext active, ActiveContext typeScopedContext, string? activeProperty, string expandedProperty, object? expandedValue, bool insideReverse, JsonMap result)
    {
        switch (expandedProperty)
        {
            case Keywords.Id:
                result[Alias(active, Keywords.Id)] = expandedValue is string id ? IriCompaction.Compact(state, active, id) : expandedValue;
                return;
            case Keywords.Type:
                {
                    object? compactedValue = expandedValue is string type
                        ? IriCompaction.Compact(state, typeScopedContext, type, vocab: true)
                        : AsList(expandedValue).Select(t => (object?)IriCompaction.Compact(state, typeScopedContext, t as string, vocab: true)).ToList();
                    var alias = Alias(active, Keywords.Type);
                    var asArray = (!state.IsJsonLd10 && active.Term(alias)?.HasContainer(Keywords.Set) == true) || !CompactArrays;
                    AddValue(result, alias, compactedValue, asArray);
                    return;
                }

            case Keywords.Reverse:
                {
                    if (Compact(active, Keywords.Reverse, expandedValue) is not JsonMap compactedValue)
                    {
                        return;
                    }

                    foreach (var (property, value) in compactedValue.ToList())
                    {
                        if (active.Term(property) is { IsReverse: true } reverseDefinition)
                        {
                            var asArray = reverseDefinition.HasContainer(Keywords.Set) || !CompactArrays;
                            AddValue(result, property, value, asArray);
                            compactedValue.Remove(property);
                        }
                    }

                    if (compactedValue.Count > 0)
                    {
                        result[Alias(active, Keywords.Reverse)] = compactedValue;
                    }

                    return;
                }

            case Keywords.Preserve:
                {
                    var compactedValue = Compact(active, activeProperty, expandedValue);
                    if (compactedValue is not JsonList { Count: 0 })
                    {
                        result[Keywords.Preserve] = compactedValue;
                    }

                    return;
                }

            case Keywords.Index when active.Term(activeProperty)?.HasContainer(Keywords.Index) == true:
                return;
            case Keywords.Direction or Keywords.Index or Keywords.Language or Keywords.Value:
                result[Alias(active, expandedProperty)] = expandedValue;
                return;
        }

        var values = AsList(expandedValue);
        if (values.Count == 0)
        {
            var itemActiveProperty = IriCompaction.Compact(state, active, expandedProperty, expandedValue, vocab: true, reverse: insideReverse)!;
            var nestResult = NestResult(active, itemActiveProperty, result);
            AddValue(nestResult, itemActiveProperty, new JsonList(), asArray: true);
        }

        foreach (var expandedItem in values)
        {
            CompactItem(active, expandedProperty, expandedItem, insideReverse, result);
        }
    }

    private JsonMap NestResult(ActiveContext active, string itemActiveProperty, JsonMap result)
    {
        if (active.Term(itemActiveProperty)?.NestValue is not { } nestTerm)
        {
            return result;
        }

        if (nestTerm != Keywords.Nest && IriExpansion.Expand(active, nestTerm, vocab: true) != Keywords.Nest)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidNestValue, $"nest term '{nestTerm}' does not expand to @nest");
        }

        if (!result.TryGetValue(nestTerm, out var existing) || existing is not JsonMap nestMap)
        {
            nestMap = [];
            result[nestTerm] = nestMap;
        }

        return nestMap;
    }

    private void CompactItem(ActiveContext active, string expandedProperty, object? expandedItem, bool insideReverse, JsonMap result)
    {
        var itemActiveProperty = IriCompaction.Compact(state, active, expandedProperty, expandedItem, vocab: true, reverse: insideReverse)!;
        var nestResult = NestResult(active, itemActiveProperty, result);
        var definition = active.Term(itemActiveProperty);
        bool Has(string container) => definition?.HasContainer(container) == true;
        var asArray = Has(Keywords.Set) || itemActiveProperty is Keywords.Graph or Keywords.List || !CompactArrays;
        var itemMap = expandedItem as JsonMap;
        var isList = IsListObject(itemMap);
        var isGraph = IsGraphObject(itemMap);
        var inner = isList ? itemMap![Keywords.List] : isGraph ? itemMap![Keywords.Graph] : expandedItem;
        var compactedItem = Compact(active, itemActiveProperty, inner);

        if (isList)
        {
            if (compactedItem is not JsonList)
            {
                compactedItem = new JsonList { compactedItem };
            }

            if (!Has(Keywords.List))
            {
                var listObject = new JsonMap { [Alias(active, Keywords.List)] = compactedItem };
                if (itemMap!.TryGetValue(Keywords.Index, out var listIndex))
                {
                    listObject[Alias(active, Keywords.Index)] = listIndex;
                }

                AddValue(nestResult, itemActiveProperty, listObject, asArray);
            }
            else
            {
                nestResult[itemActiveProperty] = compactedItem;
            }

            return;
        }

        if (isGraph)
        {
            if (Has(Keywords.Graph) && Has(Keywords.Id))
            {
                var mapObject = MapObject(nestResult, itemActiveProperty);
                var mapKey = itemMap!.TryGetValue(Keywords.Id, out var graphId)
                    ? IriCompaction.Compact(state, active, graphId as string)!
                    : Alias(active, Keywords.None);
                AddValue(mapObject, mapKey, compactedItem, asArray);
            }
            else if (Has(Keywords.Graph) && Has(Keywords.Index) && IsSimpleGraphObject(itemMap))
            {
                var mapObject = MapObject(nestResult, itemActiveProperty);
                var mapKey = itemMap!.TryGetValue(Keywords.Index, out var graphIndex) && graphIndex is string s ? s : Alias(active, Keywords.None);
                AddValue(mapObject, mapKey, compactedItem, asArray);
            }
            else if (Has(Keywords.Graph) && IsSimpleGraphObject(itemMap))
            {
                if (compactedItem is JsonList { Count: > 1 })
                {
                    compactedItem = new JsonMap { [Alias(active, Keywords.Included)] = compactedItem };
                }

                AddValue(nestResult, itemActiveProperty, compactedItem, asArray);
            }
            else
            {
                var graphObject = new JsonMap { [Alias(active, Keywords.Graph)] = compactedItem };
                if (itemMap!.TryGetValue(Keywords.Id, out var graphId))
                {
                    graphObject[Alias(active, Keywords.Id)] = IriCompaction.Compact(state, active, graphId as string);
                }

                if (itemMap.TryGetValue(Keywords.Index, out var graphIndex))
                {
                    graphObject[Alias(active, Keywords.Index)] = graphIndex;
                }

                AddValue(nestResult, itemActiveProperty, graphObject, asArray);
            }

            return;
        }

        if ((Has(Keywords.Language) || Has(Keywords.Index) || Has(Keywords.Id) || Has(Keywords.Type)) && !Has(Keywords.Graph))
        {
            CompactIntoMap(active, definition!, itemActiveProperty, itemMap, compactedItem, asArray, nestResult);
            return;
        }

        AddValue(nestResult, itemActiveProperty, compactedItem, asArray);
    }

    private void CompactIntoMap(ActiveContext active, TermDefinition definition, string itemActiveProperty, JsonMap? expandedItem, object? compactedItem, bool asArray, JsonMap nestResult)
    {
        var mapObject = MapObject(nestResult, itemActiveProperty);
        var indexKey = definition.IndexMapping ?? Keywords.Index;
        string? mapKey = null;
        if (definition.HasContainer(Keywords.Language))
        {
            if (expandedItem is not null && expandedItem.TryGetValue(Keywords.Value, out var literal))
            {
                compactedItem = literal;
            }

            mapKey = expandedItem?.GetValueOrDefault(Keywords.Language) as string;
        }
        else if (definition.HasContainer(Keywords.Index) && indexKey == Keywords.Index)
        {
            mapKey = expandedItem?.GetValueOrDefault(Keywords.Index) as string;
        }
        else if (definition.HasContainer(Keywords.Index))
        {
            // Re-compacting the expanded index key may pick a compact IRI over the index term itself; prefer the term when it is present.
            var containerKey = compactedItem is JsonMap withIndexTerm && withIndexTerm.ContainsKey(indexKey)
                ? indexKey
                : IriCompaction.Compact(state, active, IriExpansion.Expand(active, indexKey, vocab: true), vocab: true)!;
            mapKey = TakeFirstString(compactedItem, containerKey, ref compactedItem);
        }
        else if (definition.HasContainer(Keywords.Id))
        {
            var containerKey = Alias(active, Keywords.Id);
            if (compactedItem is JsonMap compactedMap && compactedMap.Remove(containerKey, out var idValue))
            {
                mapKey = idValue as string;
            }
        }
        else
        {
            var containerKey = Alias(active, Keywords.Type);
            mapKey = TakeFirstString(compactedItem, containerKey, ref compactedItem);
            if (compactedItem is JsonMap { Count: 1 } single && IriExpansion.Expand(active, single.Keys.First(), vocab: true) == Keywords.Id)
            {
                compactedItem = Compact(active, itemActiveProperty, new JsonMap { [Keywords.Id] = expandedItem![Keywords.Id] });
            }
        }

        mapKey ??= Alias(active, Keywords.None);
        AddValue(mapObject, mapKey, compactedItem, asArray);
    }

    /// <summary>Removes and returns the first string value of <paramref name="key"/> in a compacted node, leaving any other values in place.</summary>
    private string? TakeFirstString(object? compactedItem, string key, ref object? updated)
    {
        if (compactedItem is not JsonMap map || !map.TryGetValue(key, out var values))
        {
            return null;
        }

        var list = AsList(values);
        if (list.Count == 0 || list[0] is not string first)
        {
            return null;
        }

        var remaining = list.Skip(1).ToList();
        map.Remove(key);
        if (remaining.Count > 0)
        {
            AddValue(map, key, remaining.Count == 1 && CompactArrays ? remaining[0] : remaining, asArray: false);
        }

        updated = map;
        return first;
    }

    private static JsonMap MapObject(JsonMap nestResult, string itemActiveProperty)
    {
        if (!nestResult.TryGetValue(itemActiveProperty, out var existing) || existing is not JsonMap map)
        {
            map = [];
            nestResult[itemActiveProperty] = map;
        }

        return map;
    }

    /// <summary>The "add value" helper: merges values under a key, using an array when needed or requested; arrays are added item by item.</summary>
    private static void AddValue(JsonMap map, string key, object? value, bool asArray)
    {
        if (asArray)
        {
            if (!map.TryGetValue(key, out var current))
            {
                map[key] = new JsonList();
            }
            else if (current is not JsonList)
            {
                map[key] = new JsonList { current };
            }
        }

        if (value is JsonList values)
        {
            foreach (var item in values)
            {
                AddValue(map, key, item, asArray);
            }

            return;
        }

        if (!map.TryGetValue(key, out var existing))
        {
            map[key] = value;
        }
        else if (existing is JsonList list)
        {
            list.Add(value);
        }
        else
        {
            map[key] = new JsonList { existing, value };
        }
    }
}
