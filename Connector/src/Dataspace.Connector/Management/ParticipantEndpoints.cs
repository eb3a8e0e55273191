using System.Text.Json;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Protocol;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Management;

/// <summary>Management API: who this connector is, who its peers are, and whether a peer is reachable and trusts us.</summary>
public static class ParticipantEndpoints
{
    /// <summary>The management API base path.</summary>
    public const string Base = "/api/management/v1";

    /// <summary>Maps the participant and peer endpoints.</summary>
    public static RouteGroupBuilder MapManagement(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Base).AddEndpointFilter<ApiKeyFilter>().WithGroupName("management").WithTags("participant");
        group.MapGet("/participant", GetParticipant).WithSummary("This connector's participant, DID and endpoints.");
        group.MapGet("/members", (Membership membership) => membership.Members.OrderBy(m => m.Did, StringComparer.Ordinal).Select(m => new MemberView(m.Did, m.Country, m.Role)))
            .WithSummary("The DIDs admitted to this connector's protocol API.");
        group.MapPost("/peers/check", CheckPeerAsync)
            .WithSummary("Resolves a member's DID, reads its DSP version metadata and sends it a signed catalog request.")
            .Accepts<PeerCheckRequest>("application/json")
            .Produces<PeerCheck>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return group;
    }

    private static ParticipantView GetParticipant(ParticipantIdentity identity, IOptions<ConnectorOptions> options)
    {
        var participant = options.Value.Participant;
        return new ParticipantView(identity.Did, participant.Name, participant.DisplayName, participant.Country,
            identity.PublicUrl.ToString(), identity.DspBaseUrl.ToString(), DspPaths.Version);
    }

    private static async Task<IResult> CheckPeerAsync(HttpContext context, Membership membership, DspClient dsp, IOptions<ConnectorOptions> options)
    {
        using var body = await RequestJson.ReadObjectAsync(context.Request, options.Value.Limits, context.RequestAborted);
        if (body.Document is null)
            return Problems.Body(body);
        if (!body.Document.RootElement.TryGetProperty("did", out var didElement) || didElement.ValueKind != JsonValueKind.String)
            return Problems.BadRequest("'did' is required and must be a string.");
        var did = didElement.GetString()!;
        if (!DidWeb.TryParse(did, options.Value.Identity.InsecureHosts, out _, out var error))
            return Problems.BadRequest($"'did' is not a usable did:web: {error}.");
        if (!membership.IsMember(did))
            return Problems.NotFound("No member with that DID.");

        try
        {
            var baseUrl = await dsp.ResolveDspBaseAsync(did, context.RequestAborted);
            using var response = await dsp.RequestCatalogAsync(did, context.RequestAborted);
            var datasets = 0;
            if (response.IsSuccessStatusCode)
            {
                using var catalog = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(context.RequestAborted), cancellationToken: context.RequestAborted);
                if (catalog.RootElement.TryGetProperty("dataset", out var list) && list.ValueKind == JsonValueKind.Array)
                    datasets = list.GetArrayLength();
            }
            return Results.Ok(new PeerCheck(did, baseUrl.ToString(), DspPaths.Version, (int)response.StatusCode, response.IsSuccessStatusCode, datasets));
        }
        catch (Exception e) when (e is DidResolutionException or DspProtocolException or HttpRequestException or JsonException)
        {
            return Problems.BadGateway(e.Message);
        }
    }
}

/// <summary>This connector as the management API shows it.</summary>
public sealed record ParticipantView(string Did, string Name, string DisplayName, string Country, string PublicUrl, string DspBaseUrl, string ProtocolVersion);

/// <summary>A dataspace member and the claims attributed to it.</summary>
public sealed record MemberView(string Did, string? Country, string? Role);

/// <summary>Which peer to check.</summary>
public sealed record PeerCheckRequest(string Did);

/// <summary>What a peer check found: the peer's DSP base, and whether it accepted our signed catalog request.</summary>
public sealed record PeerCheck(string Did, string DspBaseUrl, string ProtocolVersion, int CatalogStatus, bool Trusted, int DatasetCount);
