using System.Globalization;
using System.Text.RegularExpressions;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Management;
using Dataspace.Fhir.Search;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// <c>GET /api/management/v1/patients/{patientId}/access-report[?from=&amp;to=&amp;after=&amp;limit=]</c>: what the ledger
/// records about one patient (<see cref="AccessReports"/>), for operators answering a patient's request.
/// </summary>
public static partial class AccessReportEndpoints
{
    /// <summary>Maps the report under the management base.</summary>
    public static void MapAccessReport(this IEndpointRouteBuilder app)
    {
        app.MapGroup(ParticipantEndpoints.Base + "/patients").AddEndpointFilter<ApiKeyFilter>().WithGroupName("management").WithTags("ledger")
            .MapGet("/{patientId}/access-report", GetAsync)
            .WithSummary("A patient's access report from the ledger: each access to their data (who, purpose, agreement, decision and count for them, "
                + "break-glass, consents) and each change of their Consents, with ledger index and leaf hash for inclusion proofs; from/to (RFC 3339), after, limit, treeSize.")
            .Produces<AccessReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> GetAsync(string patientId, HttpContext context, AccessReports reports)
    {
        // The report ties a patient id to the accesses to their data, which the pseudonymous ledger alone does not: as for
        // /fhir, operators only; the regulator audits the ledger itself.
        if (context.Items[nameof(ManagementRoles)] as string != ManagementRoles.Operator)
        {
            return Problems.Forbidden("An access report names a patient: operators only.");
        }

        if (!FhirReference.IsValidId(patientId))
        {
            return Problems.BadRequest("'patientId' must be a FHIR id: 1 to 64 letters, digits, '-' or '.'.");
        }

        var request = context.Request;
        if (!TryReadTime(request, "from", out var from, out var error) || !TryReadTime(request, "to", out var to, out error)
            || !LedgerQuery.TryRead(request, "after", out var after, out error) || !LedgerQuery.TryRead(request, "limit", out var limit, out error)
            || !LedgerQuery.TryRead(request, "treeSize", out var treeSize, out error))
        {
            return error!;
        }

        if (from > to)
        {
            return Problems.BadRequest("'from' must not be after 'to'.");
        }

        if (limit is < 1 or > AccessReports.MaxLimit)
        {
            return Problems.BadRequest($"'limit' must be 1 to {AccessReports.MaxLimit}.");
        }

        var pageSize = (int)(limit ?? AccessReports.DefaultLimit);
        var report = await reports.BuildAsync("Patient/" + patientId, from, to, after ?? 0, pageSize, treeSize, context.RequestAborted);
        if (report is null)
        {
            return Problems.BadRequest("'treeSize' must be a size the ledger signed a tree head for.");
        }

        var size = report.TreeHead?.TreeSize ?? 0;
        return Results.Ok(report with { Next = report.NextAfter is { } next ? NextLink(patientId, from, to, next, pageSize, size) : null });
    }

    // The next page stays on this page's tree head, so entries appended meanwhile neither shift nor join the report.
    private static string NextLink(string patientId, DateTimeOffset? from, DateTimeOffset? to, long after, int limit, long treeSize)
    {
        var link = $"{ParticipantEndpoints.Base}/patients/{Uri.EscapeDataString(patientId)}/access-report?after={after}&limit={limit}&treeSize={treeSize}";
        if (from is { } start)
        {
            link += "&from=" + Uri.EscapeDataString(start.ToString("O", CultureInfo.InvariantCulture));
        }

        if (to is { } end)
        {
            link += "&to=" + Uri.EscapeDataString(end.ToString("O", CultureInfo.InvariantCulture));
        }

        return link;
    }

    // RFC 3339: a full date (midnight UTC) or a date-time with its offset; anything else (local times, other calendars'
    // formats, several values) is refused rather than guessed.
    private static bool TryReadTime(HttpRequest request, string name, out DateTimeOffset? value, out IResult? error)
    {
        value = null;
        error = null;
        var values = request.Query[name];
        if (values.Count == 0)
        {
            return true;
        }

        if (values.Count == 1 && Rfc3339().IsMatch(values[0]!)
            && DateTimeOffset.TryParse(values[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        error = Problems.BadRequest($"'{name}' must be one RFC 3339 date (2026-01-31) or date-time with offset (2026-01-31T08:00:00Z).");
        return false;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
