using System.Text.Json.Nodes;

namespace Dataspace.Connector.Protocol;

/// <summary>DSP 2025-1 error bodies (<c>CatalogError</c>, <c>ContractNegotiationError</c>, <c>TransferError</c>).</summary>
public static class DspError
{
    /// <summary>A <c>CatalogError</c> response.</summary>
    public static IResult Catalog(int status, params string[] reasons) => Respond(status, "CatalogError", reasons, null, null);

    /// <summary>The error body that fits the protocol area of <paramref name="path"/>, carrying the pid named in the path if any.</summary>
    public static IResult ForPath(PathString path, int status, params string[] reasons)
    {
        var rest = path.Value?[Math.Min(path.Value.Length, DspPaths.Base.Length)..].Trim('/').Split('/') ?? [];
        var area = rest.Length > 0 ? rest[0] : "";
        var pid = rest.Length > 1 && rest[1] != "request" ? Uri.UnescapeDataString(rest[1]) : "";
        return area switch
        {
            "negotiations" => Respond(status, "ContractNegotiationError", reasons, pid, ""),
            "transfers" => Respond(status, "TransferError", reasons, pid, ""),
            _ => Respond(status, "CatalogError", reasons, null, null),
        };
    }

    private static IResult Respond(int status, string type, string[] reasons, string? providerPid, string? consumerPid)
    {
        var body = new JsonObject
        {
            ["@context"] = new JsonArray(DspPaths.Context),
            ["@type"] = type,
        };
        if (providerPid is not null)
            body["providerPid"] = providerPid;
        if (consumerPid is not null)
            body["consumerPid"] = consumerPid;
        body["code"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        body["reason"] = new JsonArray(reasons.Select(r => (JsonNode)JsonValue.Create(r)).ToArray());
        return Results.Json(body, statusCode: status, contentType: "application/json");
    }
}
