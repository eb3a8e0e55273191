namespace Dataspace.JsonLd.Flattening;

/// <summary>Generates blank node identifiers (_:b0, _:b1, ...) and relabels existing ones consistently (JSON-LD 1.1 API §7.1).</summary>
internal sealed class BlankNodeIdGenerator
{
    private readonly Dictionary<string, string> _identifierMap = new(StringComparer.Ordinal);
    private int _counter;

    public string Generate(string? identifier = null)
    {
        if (identifier is not null && _identifierMap.TryGetValue(identifier, out var existing))
        {
            return existing;
        }

        var generated = "_:b" + _counter++.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (identifier is not null)
        {
            _identifierMap[identifier] = generated;
        }

        return generated;
    }
}
