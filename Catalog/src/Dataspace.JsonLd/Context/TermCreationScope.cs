namespace Dataspace.JsonLd.Context;

/// <summary>What the create-term-definition algorithm carries while defining the terms of one local context.</summary>
internal sealed class TermCreationScope(
    ProcessingState state,
    JsonMap localContext,
    string? baseUrl,
    bool isProtected,
    bool overrideProtected,
    IReadOnlyList<string> remoteContexts,
    bool validateScopedContext)
{
    /// <summary>The "defined" map: false while a term is being defined (cycle detection), true once done.</summary>
    public Dictionary<string, bool> Defined { get; } = new(StringComparer.Ordinal);

    public ProcessingState State { get; } = state;
    public JsonMap LocalContext { get; } = localContext;
    public string? BaseUrl { get; } = baseUrl;
    public bool IsProtected { get; } = isProtected;
    public bool OverrideProtected { get; } = overrideProtected;
    public IReadOnlyList<string> RemoteContexts { get; } = remoteContexts;
    public bool ValidateScopedContext { get; } = validateScopedContext;

    public bool IsDefined(string term) => Defined.TryGetValue(term, out var done) && done;
}
