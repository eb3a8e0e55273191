using System.Collections;
using Hl7.Fhir.Model;

namespace Dataspace.Fhir.Core;

/// <summary>Replaces references inside a resource (contained resources included) by the map a transaction built from its entries' fullUrls.</summary>
public static class ReferenceRewriter
{
    /// <summary>Rewrites every <see cref="ResourceReference.Reference"/> found in <paramref name="map"/>; returns the <c>urn:</c> references left unresolved.</summary>
    public static IReadOnlyList<string> Rewrite(Base node, IReadOnlyDictionary<string, string> map)
    {
        var unresolved = new List<string>();
        Visit(node, map, unresolved);
        return unresolved;
    }

    private static void Visit(Base node, IReadOnlyDictionary<string, string> map, List<string> unresolved)
    {
        if (node is ResourceReference { Reference: { } reference } target)
        {
            if (map.TryGetValue(reference, out var resolved))
                target.Reference = resolved;
            else if (reference.StartsWith("urn:", StringComparison.Ordinal))
                unresolved.Add(reference);
        }
        foreach (var (_, value) in node.EnumerateElements())
        {
            switch (value)
            {
                case PrimitiveType:
                    break;
                case Base child:
                    Visit(child, map, unresolved);
                    break;
                case IEnumerable children and not string:
                    foreach (var child in children.OfType<Base>())
                    {
                        if (child is not PrimitiveType)
                            Visit(child, map, unresolved);
                    }
                    break;
            }
        }
    }
}
