namespace Dataspace.PolicyEngine.Odrl;

/// <summary>A right-operand value from expanded JSON-LD: an IRI (<c>@id</c>) or a literal (<c>@value</c> with an optional datatype).</summary>
public sealed record RdfTerm(string Value, bool IsIri, string? DataType = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        IsIri ? $"<{Value}>" : DataType is null ? $"\"{Value}\"" : $"\"{Value}\"^^{DataType.Replace(Xsd.Ns, "xsd:", StringComparison.Ordinal)}";
}
