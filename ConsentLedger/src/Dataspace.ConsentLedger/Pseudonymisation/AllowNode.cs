using System.Collections.Frozen;
using Hl7.Fhir.Model;

namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>
/// One element of a compiled allowlist. <see cref="Listed"/> means the profile names this element, so its whole subtree is kept
/// (minus free text); otherwise only the <see cref="Children"/> named below it are. Keys are element names, or typed choice names.
/// </summary>
internal sealed class AllowNode
{
    private readonly Dictionary<string, AllowNode> children = new(StringComparer.Ordinal);
    private FrozenDictionary<string, AllowNode> frozen = FrozenDictionary<string, AllowNode>.Empty;

    public bool Listed { get; private set; }

    public Generalisation? Generalisation { get; private set; }

    /// <summary>The compiled tree of one resource type's rules.</summary>
    public static AllowNode Compile(ResourceProfile rule)
    {
        var root = new AllowNode();
        foreach (var path in rule.Allow)
        {
            if (!ElementPath.TryResolve(rule.ResourceType, path, out var resolved, out var error))
            {
                throw new InvalidProfileException($"'{path}' does not resolve: {error}");
            }

            var node = root;
            foreach (var step in resolved!.Steps)
            {
                node = node.children.TryGetValue(step.Key, out var child) ? child : node.children[step.Key] = new AllowNode();
            }

            node.Listed = true;
            node.Generalisation = rule.Generalise.GetValueOrDefault(path);
        }

        root.Freeze();
        return root;
    }

    /// <summary>The node for element <paramref name="name"/> holding <paramref name="value"/>: by name, else by typed choice name.</summary>
    public AllowNode? Find(string name, object value)
    {
        if (frozen.Count == 0)
        {
            return null;
        }

        if (frozen.TryGetValue(name, out var node))
        {
            return node;
        }

        return value is DataType data && frozen.TryGetValue(ChoiceNames.Of(name, data), out node) ? node : null;
    }

    private void Freeze()
    {
        foreach (var child in children.Values)
        {
            child.Freeze();
        }

        frozen = children.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
