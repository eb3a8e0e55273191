using Dataspace.JsonLd.Iri;
using Dataspace.JsonLd.Json;
using static Dataspace.JsonLd.Expansion.NodeShapes;

namespace Dataspace.JsonLd.Flattening;

/// <summary>Node map generation (JSON-LD 1.1 API §7.2.2): collects every node of an expanded document by graph name and identifier.</summary>
internal sealed class NodeMapGeneration(BlankNodeIdGenerator generator)
{
    /// <summary>graph name → node identifier → node; "@default" is the default graph.</summary>
    public Dictionary<string, Dictionary<string, JsonMap>> NodeMap { get; } = new(StringComparer.Ordinal)
    {
        [Keywords.Default] = new(StringComparer.Ordinal),
    };

    public void Generate(object? element, string activeGraph = Keywords.Default, object? activeSubject = null, string? activeProperty = null, JsonMap? list = null)
    {
        if (element is JsonList array)
        {
            foreach (var item in array)
            {
                Generate(item, activeGraph, activeSubject, activeProperty, list);
            }

            return;
        }

        if (element is not JsonMap source)
        {
            return;
        }

        // The algorithm consumes entries; work on a shallow copy so the caller's expanded document stays intact.
        var map = new JsonMap(source, StringComparer.Ordinal);
        if (!NodeMap.TryGetValue(activeGraph, out var graph))
        {
            graph = new Dictionary<string, JsonMap>(StringComparer.Ordinal);
            NodeMap[activeGraph] = graph;
        }

        var subjectNode = activeSubject is string subjectId ? graph[subjectId] : null;
        if (map.TryGetValue(Keywords.Type, out var types))
        {
            map[Keywords.Type] = types is JsonList typeList
                ? typeList.Select(t => t is string s && IriSyntax.IsBlankNode(s) ? generator.Generate(s) : t).ToList()
                : types is string single && IriSyntax.IsBlankNode(single) ? generator.Generate(single) : types;
        }

        if (map.ContainsKey(Keywords.Value))
        {
            if (list is null)
            {
                AddUnique(subjectNode!, activeProperty!, map);
            }
            else
            {
                ((JsonList)list[Keywords.List]!).Add(map);
            }

            return;
        }

        if (map.TryGetValue(Keywords.List, out var listItems))
        {
            var result = new JsonMap { [Keywords.List] = new JsonList() };
            Generate(listItems, activeGraph, activeSubject, activeProperty, result);
            if (list is null)
            {
                ((JsonList)subjectNode![activeProperty!]!).Add(result);
            }
            else
            {
                ((JsonList)list[Keywords.List]!).Add(result);
            }

            return;
        }

        string id;
        if (map.Remove(Keywords.Id, out var idValue))
        {
            if (idValue is not string explicitId)
            {
                // "@id": null (e.g. from an ignored keyword-like IRI) names no node, so nothing can be said about it.
                return;
            }

            id = IriSyntax.IsBlankNode(explicitId) ? generator.Generate(explicitId) : explicitId;
        }
        else
        {
            id = generator.Generate();
        }

        if (!graph.TryGetValue(id, out var node))
        {
            node = new JsonMap { [Keywords.Id] = id };
            graph[id] = node;
        }

        if (activeSubject is JsonMap reverseReference)
        {
            AddUnique(node, activeProperty!, reverseReference);
        }
        else if (activeProperty is not null)
        {
            var reference = new JsonMap { [Keywords.Id] = id };
            if (list is null)
            {
                AddUnique(subjectNode!, activeProperty, reference);
            }
            else
            {
                ((JsonList)list[Keywords.List]!).Add(reference);
            }
        }

        if (map.Remove(Keywords.Type, out var nodeTypes))
        {
            foreach (var type in AsList(nodeTypes))
            {
                AddUnique(node, Keywords.Type, type);
            }
        }

        if (map.Remove(Keywords.Index, out var index))
        {
            if (node.TryGetValue(Keywords.Index, out var existingIndex) && !JsonModel.DeepEquals(existingIndex, index))
            {
                throw new JsonLdException(JsonLdErrorCode.ConflictingIndexes, $"node '{id}' has two different @index values");
            }

            node[Keywords.Index] = index;
        }

        if (map.Remove(Keywords.Reverse, out var reverse) && reverse is JsonMap reverseMap)
        {
            var referencedNode = new JsonMap { [Keywords.Id] = id };
            foreach (var (property, values) in reverseMap)
            {
                foreach (var value in AsList(values))
                {
                    Generate(value, activeGraph, referencedNode, property);
                }
            }
        }

        if (map.Remove(Keywords.Graph, out var graphValue))
        {
            Generate(graphValue, id);
        }

        if (map.Remove(Keywords.Included, out var included))
        {
            Generate(included, activeGraph);
        }

        foreach (var property in map.Keys.Order(StringComparer.Ordinal))
        {
            var value = map[property];
            var key = IriSyntax.IsBlankNode(property) ? generator.Generate(property) : property;
            if (!node.ContainsKey(key))
            {
                node[key] = new JsonList();
            }

            Generate(value, activeGraph, id, key);
        }
    }

    private static void AddUnique(JsonMap node, string property, object? value)
    {
        if (!node.TryGetValue(property, out var existing) || existing is not JsonList list)
        {
            node[property] = new JsonList { value };
            return;
        }

        if (value is JsonMap { Count: 1 } reference && reference.TryGetValue(Keywords.Id, out var id))
        {
            // Node references are the common case in large documents; compare them by identifier only.
            if (!list.Any(item => item is JsonMap { Count: 1 } other && Equals(other.GetValueOrDefault(Keywords.Id), id)))
            {
                list.Add(value);
            }
        }
        else if (!list.Any(item => JsonModel.DeepEquals(item, value)))
        {
            list.Add(value);
        }
    }
}
