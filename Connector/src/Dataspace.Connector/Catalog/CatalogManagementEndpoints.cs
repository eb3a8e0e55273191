using System.Text.Json;
using Dataspace.Catalog;
using Dataspace.Catalog.Assets;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Management;
using Dataspace.Connector.Transfer;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Catalog;

/// <summary>Management API for what the provider offers: assets, ODRL policies and contract definitions.</summary>
public static class CatalogManagementEndpoints
{
    /// <summary>Maps <c>/assets</c>, <c>/policies</c> and <c>/contractdefinitions</c> under the management base.</summary>
    public static void MapCatalogManagement(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ParticipantEndpoints.Base).AddEndpointFilter<ApiKeyFilter>().WithGroupName("management");

        var assets = group.MapGroup("/assets").WithTags("assets");
        assets.MapPost("", CreateAssetAsync).Accepts<Asset>("application/json").WithSummary("Register an asset with HealthDCAT-AP metadata and a private data address.");
        assets.MapGet("", ListAssetsAsync).WithSummary("Assets, one page (offset, limit). Regulators see no data addresses.");
        assets.MapGet("/{id}", GetAssetAsync).WithSummary("One asset.");
        assets.MapPut("/{id}", UpdateAssetAsync).Accepts<Asset>("application/json").WithSummary("Replace an asset.");
        assets.MapDelete("/{id}", (string id, CatalogStores stores, CancellationToken ct) => DeleteAsync(stores.Assets.DeleteAsync(id, ct), "asset"))
            .WithSummary("Remove an asset from the catalog.");

        var policies = group.MapGroup("/policies").WithTags("policies");
        policies.MapPost("", CreatePolicyAsync).Accepts<PolicyDefinition>("application/json").WithSummary("Store an ODRL policy (JSON-LD; checked on its expanded form).");
        policies.MapGet("", async (CatalogStores stores, int? offset, int? limit, CancellationToken ct) => Results.Ok(await stores.Policies.ListAsync(offset ?? 0, Page(limit), ct)))
            .WithSummary("Policies, one page.");
        policies.MapGet("/{id}", async (string id, CatalogStores stores, CancellationToken ct) =>
            await stores.Policies.GetAsync(id, ct) is { } policy ? Results.Ok(policy) : Problems.NotFound("No policy with that id.")).WithSummary("One policy.");
        policies.MapPut("/{id}", UpdatePolicyAsync).Accepts<PolicyDefinition>("application/json").WithSummary("Replace a policy.");
        policies.MapDelete("/{id}", DeletePolicyAsync).WithSummary("Delete a policy no contract definition uses.");
        policies.MapPolicyLint();

        var definitions = group.MapGroup("/contractdefinitions").WithTags("contract definitions");
        definitions.MapPost("", CreateDefinitionAsync).Accepts<ContractDefinitionDocument>("application/json").WithSummary("Offer selected assets under an access and a contract policy.");
        definitions.MapGet("", async (CatalogStores stores, int? offset, int? limit, CancellationToken ct) => Results.Ok(await stores.ContractDefinitions.ListAsync(offset ?? 0, Page(limit), ct)))
            .WithSummary("Contract definitions, one page.");
        definitions.MapGet("/{id}", async (string id, CatalogStores stores, CancellationToken ct) =>
            await stores.ContractDefinitions.GetAsync(id, ct) is { } definition ? Results.Ok(definition) : Problems.NotFound("No contract definition with that id."))
            .WithSummary("One contract definition.");
        definitions.MapPut("/{id}", UpdateDefinitionAsync).Accepts<ContractDefinitionDocument>("application/json").WithSummary("Replace a contract definition.");
        definitions.MapDelete("/{id}", (string id, CatalogStores stores, CancellationToken ct) => DeleteAsync(stores.ContractDefinitions.DeleteAsync(id, ct), "contract definition"))
            .WithSummary("Stop offering under a contract definition.");
    }

    private const int MaxPage = 1000;

    private static int Page(int? limit) => Math.Clamp(limit ?? 100, 1, MaxPage);

    private static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context, LimitsOptions limits)
        where T : class
    {
        using var body = await RequestJson.ReadObjectAsync(context.Request, limits, context.RequestAborted);
        if (body.Document is null)
            return (null, Problems.Body(body));
        var (value, error) = CatalogJson.Read<T>(body.Document.RootElement);
        return value is null ? (null, Problems.BadRequest(error!)) : (value, null);
    }

    private static async Task<IResult> CreateAssetAsync(HttpContext context, CatalogStores stores, IOptions<ConnectorOptions> options, PseudonymisationProfiles profiles)
    {
        var (asset, error) = await ReadAsync<Asset>(context, options.Value.Limits);
        if (asset is null)
            return error!;
        if (Validate(asset, profiles) is { Count: > 0 } problems)
            return Problems.Validation(problems);
        return await stores.Assets.InsertAsync(asset.Id, asset, context.RequestAborted)
            ? Results.Created($"{ParticipantEndpoints.Base}/assets/{Uri.EscapeDataString(asset.Id)}", asset)
            : Problems.Conflict("An asset with that id exists.");
    }

    private static async Task<IResult> UpdateAssetAsync(string id, HttpContext context, CatalogStores stores, IOptions<ConnectorOptions> options, PseudonymisationProfiles profiles)
    {
        var (asset, error) = await ReadAsync<Asset>(context, options.Value.Limits);
        if (asset is null)
            return error!;
        if (asset.Id != id)
            return Problems.BadRequest("The id in the body differs from the id in the path.");
        if (Validate(asset, profiles) is { Count: > 0 } problems)
            return Problems.Validation(problems);
        return await stores.Assets.UpdateAsync(id, asset, context.RequestAborted) ? Results.Ok(asset) : Problems.NotFound("No asset with that id.");
    }

    // The catalog library checks the description; the profile an asset names must be one this connector loaded, or its pulls would all be refused.
    private static List<(string Field, string Message)> Validate(Asset asset, PseudonymisationProfiles profiles)
    {
        var problems = AssetValidator.Validate(asset).Select(p => (p.Field, p.Message)).ToList();
        if (profiles.Problem(asset.DataAddress?.Properties) is { } problem)
            problems.Add(("dataAddress/properties/" + PseudonymisationProfiles.AssetProperty, problem));
        // The FHIR data plane enforces the asset's scope on every release, so a property it cannot honour is refused now, not at the first pull.
        if (asset.DataAddress is { Type: AssetScope.FhirStoreType } address)
        {
            AssetScope.Parse(address, out var scopeProblems);
            problems.AddRange(scopeProblems.Select(p => ("dataAddress/properties", p)));
        }
        return problems;
    }

    private static async Task<IResult> ListAssetsAsync(HttpContext context, CatalogStores stores, int? offset, int? limit)
    {
        var page = await stores.Assets.ListAsync(offset ?? 0, Page(limit), context.RequestAborted);
        return Results.Ok(IsRegulator(context) ? page.Select(WithoutDataAddress) : page);
    }

    private static async Task<IResult> GetAssetAsync(string id, HttpContext context, CatalogStores stores)
    {
        var asset = await stores.Assets.GetAsync(id, context.RequestAborted);
        return asset is null ? Problems.NotFound("No asset with that id.") : Results.Ok(IsRegulator(context) ? WithoutDataAddress(asset) : asset);
    }

    // A regulator audits what is offered, not where the data sits or the credentials to reach it.
    private static object WithoutDataAddress(Asset asset) => new { asset.Id, asset.Description };

    private static bool IsRegulator(HttpContext context) => context.Items[nameof(ManagementRoles)] as string == ManagementRoles.Regulator;

    private static async Task<IResult> CreatePolicyAsync(HttpContext context, CatalogStores stores, IOptions<ConnectorOptions> options, LedgerService ledger, TimeProvider time)
    {
        var (policy, error) = await ReadPolicyAsync(context, options.Value.Limits);
        if (policy is null)
            return error!;
        if (!await stores.Policies.InsertAsync(policy.Id, policy, context.RequestAborted))
            return Problems.Conflict("A policy with that id exists.");
        await ledger.RecordPolicyChangedAsync(policy, time, context.RequestAborted);
        return Results.Created($"{ParticipantEndpoints.Base}/policies/{Uri.EscapeDataString(policy.Id)}", policy);
    }

    private static async Task<IResult> UpdatePolicyAsync(string id, HttpContext context, CatalogStores stores, IOptions<ConnectorOptions> options, LedgerService ledger, TimeProvider time)
    {
        var (policy, error) = await ReadPolicyAsync(context, options.Value.Limits);
        if (policy is null)
            return error!;
        if (policy.Id != id)
            return Problems.BadRequest("The id in the body differs from the id in the path.");
        if (!await stores.Policies.UpdateAsync(id, policy, context.RequestAborted))
            return Problems.NotFound("No policy with that id.");
        await ledger.RecordPolicyChangedAsync(policy, time, context.RequestAborted);
        return Results.Ok(policy);
    }

    private static async Task<(PolicyDefinition? Policy, IResult? Error)> ReadPolicyAsync(HttpContext context, LimitsOptions limits)
    {
        var (policy, error) = await ReadAsync<PolicyDefinition>(context, limits);
        if (policy is null)
            return (null, error);
        if (!AssetValidator.IsIdentifier(policy.Id))
            return (null, Problems.Validation([("id", "must be 1–256 characters without spaces or control characters")]));
        if (policy.Policy.ValueKind != JsonValueKind.Object)
            return (null, Problems.Validation([("policy", "must be a JSON-LD object")]));
        var (_, problems) = PolicyLibrary.Prepare(policy.Policy);
        return problems.Count > 0 ? (null, Problems.Validation(problems.Select(p => ("policy", p)))) : (policy, null);
    }

    private static async Task<IResult> DeletePolicyAsync(string id, CatalogStores stores, LedgerService ledger, TimeProvider time, CancellationToken cancellationToken)
    {
        var users = (await stores.ContractDefinitions.AllAsync(cancellationToken))
            .Where(d => d.AccessPolicyId == id || d.ContractPolicyId == id).Select(d => d.Id).ToList();
        if (users.Count > 0)
            return Problems.Conflict($"The policy is used by contract definition(s) {string.Join(", ", users)}.");
        if (!await stores.Policies.DeleteAsync(id, cancellationToken))
            return Problems.NotFound("No policy with that id.");
        await ledger.RecordPolicyDeletedAsync(id, time, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> CreateDefinitionAsync(HttpContext context, CatalogStores stores, IOptions<ConnectorOptions> options)
    {
        var (definition, error) = await ReadDefinitionAsync(context, stores, options.Value.Limits);
        if (definition is null)
            return error!;
        return await stores.ContractDefinitions.InsertAsync(definition.Id, definition, context.RequestAborted)
            ? Results.Created($"{ParticipantEndpoints.Base}/contractdefinitions/{Uri.EscapeDataString(definition.Id)}", definition)
            : Problems.Conflict("A contract definition with that id exists.");
    }

    private static async Task<IResult> UpdateDefinitionAsync(string id, HttpContext context, CatalogStores stores, IOptions<ConnectorOptions> options)
    {
        var (definition, error) = await ReadDefinitionAsync(context, stores, options.Value.Limits);
        if (definition is null)
            return error!;
        if (definition.Id != id)
            return Problems.BadRequest("The id in the body differs from the id in the path.");
        return await stores.ContractDefinitions.UpdateAsync(id, definition, context.RequestAborted)
            ? Results.Ok(definition)
            : Problems.NotFound("No contract definition with that id.");
    }

    private static async Task<(ContractDefinitionDocument? Definition, IResult? Error)> ReadDefinitionAsync(HttpContext context, CatalogStores stores, LimitsOptions limits)
    {
        var (definition, error) = await ReadAsync<ContractDefinitionDocument>(context, limits);
        if (definition is null)
            return (null, error);
        var problems = new List<(string, string)>();
        if (!AssetValidator.IsIdentifier(definition.Id))
            problems.Add(("id", "must be 1–256 characters without spaces or control characters"));
        if (await stores.Policies.GetAsync(definition.AccessPolicyId, context.RequestAborted) is null)
            problems.Add(("accessPolicyId", "no policy with that id"));
        if (await stores.Policies.GetAsync(definition.ContractPolicyId, context.RequestAborted) is null)
            problems.Add(("contractPolicyId", "no policy with that id"));
        for (var i = 0; i < definition.AssetSelector.Count; i++)
        {
            if (definition.AssetSelector[i].Problem() is { } problem)
                problems.Add(($"assetSelector/{i}", problem));
        }
        return problems.Count > 0 ? (null, Problems.Validation(problems)) : (definition, null);
    }

    private static async Task<IResult> DeleteAsync(Task<bool> deletion, string what) =>
        await deletion ? Results.NoContent() : Problems.NotFound($"No {what} with that id.");
}
