using Refit;

namespace Dataspace.PolicyEngine.Opa;

/// <summary>The Open Policy Agent Data API: <c>POST /v1/data/{path}</c> evaluates the document at <c>path</c> for an input.</summary>
public interface IOpaDataApi
{
    /// <summary>Evaluates the document at <paramref name="path"/> (slashes kept, e.g. <c>dataspace/health/decision</c>) for <paramref name="request"/>.</summary>
    /// <remarks>Refit's <c>{**path}</c> round-trips the slashes; a plain <c>{path}</c> would send <c>%2F</c> and miss the package.</remarks>
    [Post("/v1/data/{**path}")]
    Task<OpaDataResponse> QueryAsync(string path, [Body] OpaDataRequest request, CancellationToken cancellationToken);
}
