namespace Dataspace.JsonLd.Context;

/// <summary>A term definition of an active context (JSON-LD 1.1 API §4.1); "Has*" flags distinguish an explicit null from an absent mapping.</summary>
internal sealed class TermDefinition
{
    public string? IriMapping { get; set; }
    public bool IsReverse { get; set; }
    public string? TypeMapping { get; set; }
    public bool HasLanguageMapping { get; set; }
    public string? LanguageMapping { get; set; }
    public bool HasDirectionMapping { get; set; }
    public string? DirectionMapping { get; set; }
    public bool HasLocalContext { get; set; }
    public object? LocalContext { get; set; }
    public string? BaseUrl { get; set; }
    public bool IsPrefix { get; set; }
    public bool IsProtected { get; set; }
    public IReadOnlyList<string>? ContainerMapping { get; set; }
    public string? IndexMapping { get; set; }
    public string? NestValue { get; set; }

    public bool HasContainer(string container) => ContainerMapping is { } c && c.Contains(container);

    /// <summary>Equality of everything but the protected flag, as the protected-term check requires.</summary>
    public bool SameAs(TermDefinition other) =>
        IriMapping == other.IriMapping
        && IsReverse == other.IsReverse
        && TypeMapping == other.TypeMapping
        && HasLanguageMapping == other.HasLanguageMapping
        && LanguageMapping == other.LanguageMapping
        && HasDirectionMapping == other.HasDirectionMapping
        && DirectionMapping == other.DirectionMapping
        && HasLocalContext == other.HasLocalContext
        && Json.JsonModel.DeepEquals(LocalContext, other.LocalContext)
        && IsPrefix == other.IsPrefix
        && (ContainerMapping ?? []).Order(StringComparer.Ordinal).SequenceEqual((other.ContainerMapping ?? []).Order(StringComparer.Ordinal), StringComparer.Ordinal)
        && IndexMapping == other.IndexMapping
        && NestValue == other.NestValue;
}
