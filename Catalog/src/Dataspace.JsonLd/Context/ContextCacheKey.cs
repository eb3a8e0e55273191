namespace Dataspace.JsonLd.Context;

/// <summary>Identifies one context-processing call by reference identity of its inputs, so repeated scoped contexts are processed once.</summary>
internal readonly struct ContextCacheKey(ActiveContext active, object? localContext, string? baseUrl, bool overrideProtected, bool propagate, bool validate)
    : IEquatable<ContextCacheKey>
{
    private readonly ActiveContext _active = active;
    private readonly object? _localContext = localContext;
    private readonly string? _baseUrl = baseUrl;
    private readonly int _flags = (overrideProtected ? 1 : 0) | (propagate ? 2 : 0) | (validate ? 4 : 0);

    public bool Equals(ContextCacheKey other) =>
        ReferenceEquals(_active, other._active)
        && (ReferenceEquals(_localContext, other._localContext) || (_localContext is string s && s.Equals(other._localContext)))
        && _baseUrl == other._baseUrl
        && _flags == other._flags;

    public override bool Equals(object? obj) => obj is ContextCacheKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(
        System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_active),
        _localContext is string s ? s.GetHashCode(StringComparison.Ordinal) : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_localContext),
        _baseUrl,
        _flags);
}
