namespace Dataspace.Connector.Hosting;

/// <summary>RFC 9457 problem details for the management API, with stable type URIs.</summary>
public static class Problems
{
    private const string TypeBase = "urn:dataspace:problem:";

    /// <summary>400: the request is malformed or fails validation.</summary>
    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "invalid-request", "Invalid request", detail);

    /// <summary>400 listing every field that failed validation, under the <c>errors</c> extension.</summary>
    public static IResult Validation(IEnumerable<(string Field, string Message)> errors) =>
        Results.Problem(detail: "The request failed validation; see errors.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid request",
            type: TypeBase + "validation", extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Select(e => new Dictionary<string, string> { ["field"] = e.Field, ["message"] = e.Message }).ToList(),
            });

    /// <summary>409: the request conflicts with what is stored (an existing id, a policy still in use).</summary>
    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "conflict", "Conflict", detail);

    /// <summary>A body that could not be read: wrong media type, too large, malformed.</summary>
    public static IResult Body(JsonBody body) => Problem(body.Status, "invalid-body", "Invalid request body", body.Error);

    public static IResult Unauthorized() => Problem(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized", "A valid X-Api-Key header is required.");

    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "not-found", "Not found", detail);

    /// <summary>502: a peer could not be reached or answered outside the protocol.</summary>
    public static IResult BadGateway(string detail) => Problem(StatusCodes.Status502BadGateway, "peer-failed", "Peer request failed", detail);

    private static IResult Problem(int status, string type, string title, string? detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + type);
}
