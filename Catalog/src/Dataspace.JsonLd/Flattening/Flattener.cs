namespace Dataspace.JsonLd.Flattening;

/// <summary>The flattening algorithm (JSON-LD 1.1 API §7.1.2): one top-level array of nodes, named graphs nested under their graph node.</summary>
internal static class Flattener
{
    public static JsonList Flatten(JsonList expanded, bool ordered)
    {
        var generation = new NodeMapGeneration(new BlankNodeIdGenerator());
        generation.Generate(expanded);
        var nodeMap = generation.NodeMap;
        var defaultGraph = nodeMap[Keywords.Default];
        foreach (var (graphName, graph) in nodeMap.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (graphName == Keywords.Default)
            {
                continue;
            }

            if (!defaultGraph.TryGetValue(graphName, out var entry))
            {
                entry = new JsonMap { [Keywords.Id] = graphName };
                defaultGraph[graphName] = entry;
            }

            var nodes = new JsonList();
            foreach (var (_, node) in Sorted(graph, ordered))
            {
                if (!IsReferenceOnly(node))
                {
                    nodes.Add(node);
                }
            }

            entry[Keywords.Graph] = nodes;
        }

        var flattened = new JsonList();
        foreach (var (_, node) in Sorted(defaultGraph, ordered))
        {
            if (!IsReferenceOnly(node))
            {
                flattened.Add(node);
            }
        }

        return flattened;
    }

    private static bool IsReferenceOnly(JsonMap node) => node.Count == 1 && node.ContainsKey(Keywords.Id);

    private static IEnumerable<KeyValuePair<string, JsonMap>> Sorted(Dictionary<string, JsonMap> graph, bool ordered) =>
        ordered ? graph.OrderBy(n => n.Key, StringComparer.Ordinal) : graph;
}
