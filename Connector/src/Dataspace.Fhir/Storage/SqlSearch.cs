using System.Text;
using Dapper;
using Dataspace.Connector.Storage;
using Dataspace.Fhir.Search;

namespace Dataspace.Fhir.Storage;

/// <summary>Translates a <see cref="SearchQuery"/> into SQL both SQLite and PostgreSQL accept, with every value as a parameter.</summary>
/// <remarks>
/// SQLite plans without statistics (nothing runs <c>ANALYZE</c>), and left alone it scans every resource of the type and
/// probes each index table through its value index, which for <c>code=</c> alone means scanning every row with that
/// code once per resource. So on SQLite each correlated probe names the <c>rid</c> index, and a search with a
/// reference criterion (<c>patient=</c>, <c>subject=</c>: a handful of rows) is driven from the references it matches.
/// PostgreSQL keeps statistics and plans the same semi-joins well as written.
/// </remarks>
internal sealed class SqlSearch
{
    /// <summary>The columns <see cref="SqlFhirStore.Map"/> reads, in its order.</summary>
    public const string Columns = "r.rid, r.resource_type, r.id, r.version, r.last_updated, r.deleted, r.resource";

    private readonly StringBuilder _where = new("r.resource_type = @type AND r.deleted = 0");
    private readonly DynamicParameters _parameters = new();
    private readonly bool _sqlite;
    private int _next;

    /// <param name="query">The search.</param>
    /// <param name="now">The time <c>ap</c> dates are approximate to.</param>
    /// <param name="dialect">The database.</param>
    /// <param name="joined">A criterion the statement joins on itself (see <see cref="ReferenceWalk"/>), left out of the conditions.</param>
    private SqlSearch(SearchQuery query, DateTimeOffset now, SqlDialect dialect, SearchCriterion? joined = null)
    {
        _sqlite = dialect == SqlDialect.Sqlite;
        _parameters.Add("type", query.ResourceType);
        // An id lookup is the unique index's job; otherwise the first reference criterion drives the query on SQLite.
        var driving = _sqlite && joined is null && !query.Criteria.OfType<IdCriterion>().Any() ? query.Criteria.OfType<ReferenceCriterion>().FirstOrDefault() : null;
        // NOT INDEXED keeps SQLite from scanning the type index instead; the rid lookups of the IN list remain.
        From = driving is null ? "fhir_resources r" : "fhir_resources r NOT INDEXED";
        foreach (var criterion in query.Criteria)
        {
            if (ReferenceEquals(criterion, joined))
                continue;
            _where.Append(" AND ");
            if (ReferenceEquals(criterion, driving))
                AppendDriving(driving);
            else
                Append(criterion, now);
        }
    }

    /// <summary>
    /// The reference criterion <see cref="ReferencePage"/> can walk: a search in stored order whose first reference
    /// criterion has one value (the data plane's <c>patient=Patient/id</c>) and no id criterion; null for any other search.
    /// </summary>
    public static ReferenceCriterion? ReferenceWalk(SearchQuery query) =>
        query.Sort == SearchSort.Default && !query.Criteria.OfType<IdCriterion>().Any()
        && query.Criteria.OfType<ReferenceCriterion>().FirstOrDefault() is { Values.Count: 1 } walked
            ? walked
            : null;

    /// <summary>
    /// One page of a <see cref="ReferenceWalk"/> search after row <paramref name="afterRow"/>: the reference index is walked
    /// in rid order from there and stops at the limit (one row more than the page), so a page costs its own rows and not
    /// all of the value's — the IN list of <see cref="Page"/> would be built whole for every page. Columns as
    /// <see cref="Page"/>'s; a resource that holds the same reference twice comes twice, one after the other.
    /// </summary>
    public static CommandDefinition ReferencePage(
        SearchQuery query, ReferenceCriterion walked, long? afterRow, DateTimeOffset now, SqlDialect dialect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(walked);
        var search = new SqlSearch(query, now, dialect, walked);
        var value = walked.Values[0];
        var on = new StringBuilder($"f.param = {search.Parameter(walked.Parameter)} AND f.target_id = {search.Parameter(value.TargetId)}");
        if (value.TargetType is not null)
            on.Append(" AND f.target_type = ").Append(search.Parameter(value.TargetType));
        if (afterRow is { } after)
            on.Append(" AND f.rid > ").Append(search.Parameter(after));
        search._parameters.Add("limit", query.Count + 1);
        // CROSS JOIN makes SQLite keep the references as the outer loop; PostgreSQL plans it as any inner join.
        return new CommandDefinition(
            $"SELECT {Columns}, r.rid FROM fhir_references f CROSS JOIN fhir_resources r WHERE {on} AND r.rid = f.rid AND {search._where} ORDER BY f.rid LIMIT @limit",
            search._parameters, cancellationToken: cancellationToken);
    }

    /// <summary>The table clause: the resources table, with the planner's hint when a reference criterion drives.</summary>
    private string From { get; }

    /// <summary>The statement for one page, fetching one row more than the page to learn whether another page follows.</summary>
    public static CommandDefinition Page(SearchQuery query, DateTimeOffset now, SqlDialect dialect, CancellationToken cancellationToken)
    {
        var search = new SqlSearch(query, now, dialect);
        var sortColumn = SortColumn(query.Sort.Key);
        var backward = query.Cursor?.Backward == true;
        var descending = query.Sort.Descending ^ backward;
        if (query.Cursor is { } cursor)
        {
            var op = descending ? "<" : ">";
            search._where.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND ({sortColumn} {op} @cursorValue OR ({sortColumn} = @cursorValue AND r.rid {op} @cursorRow))");
            search._parameters.Add("cursorValue", cursor.SortValue);
            search._parameters.Add("cursorRow", cursor.Row);
        }
        var direction = descending ? "DESC" : "ASC";
        search._parameters.Add("limit", query.Count + 1);
        return new CommandDefinition(
            $"SELECT {Columns}, {sortColumn} FROM {search.From} WHERE {search._where} ORDER BY {sortColumn} {direction}, r.rid {direction} LIMIT @limit",
            search._parameters, cancellationToken: cancellationToken);
    }

    /// <summary>The statement counting every match.</summary>
    public static CommandDefinition Count(SearchQuery query, DateTimeOffset now, SqlDialect dialect, CancellationToken cancellationToken)
    {
        var search = new SqlSearch(query, now, dialect);
        return new CommandDefinition($"SELECT COUNT(*) FROM {search.From} WHERE {search._where}", search._parameters, cancellationToken: cancellationToken);
    }

    /// <summary>The statement selecting the ids of matches, for conditional interactions.</summary>
    public static CommandDefinition Ids(
        SearchQuery query, int limit, DateTimeOffset now, SqlDialect dialect, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
    {
        var search = new SqlSearch(query, now, dialect);
        search._parameters.Add("limit", limit);
        return new CommandDefinition($"SELECT r.id FROM {search.From} WHERE {search._where} ORDER BY r.rid LIMIT @limit", search._parameters, transaction, cancellationToken: cancellationToken);
    }

    private static string SortColumn(SortKey key) => key switch
    {
        SortKey.LastUpdated => "r.last_updated",
        SortKey.Date => "r.sort_date",
        _ => "r.rid",
    };

    private string Parameter(object value)
    {
        var name = "p" + _next++.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _parameters.Add(name, value);
        return "@" + name;
    }

    /// <summary>The probe of one index table for the current resource, through its rid index on SQLite.</summary>
    private string Probe(string table, string alias) =>
        _sqlite ? $"EXISTS (SELECT 1 FROM {table} {alias} INDEXED BY ix_{table}_rid WHERE {alias}.rid = r.rid" : $"EXISTS (SELECT 1 FROM {table} {alias} WHERE {alias}.rid = r.rid";

    private void AppendDriving(ReferenceCriterion reference)
    {
        // Values grouped by target type, each group an IN list: SQLite seeks the value index once per value, where an OR
        // of (id AND type) pairs would make it read every reference of the parameter.
        var param = Parameter(reference.Parameter);
        var selects = reference.Values.GroupBy(v => v.TargetType).Select(group =>
            $"SELECT f.rid FROM fhir_references f WHERE f.param = {param} AND f.target_id IN ({string.Join(", ", group.Select(v => Parameter(v.TargetId)))})"
            + (group.Key is null ? "" : " AND f.target_type = " + Parameter(group.Key))).ToList();
        _where.Append("r.rid IN (").AppendJoin(" UNION ALL ", selects).Append(')');
    }

    private void Append(SearchCriterion criterion, DateTimeOffset now)
    {
        switch (criterion)
        {
            case IdCriterion ids:
                _where.Append("r.id IN (").AppendJoin(", ", ids.Ids.Select(Parameter)).Append(')');
                break;
            case DateCriterion { Parameter: SearchParameters.LastUpdated } lastUpdated:
                _where.Append('(').AppendJoin(" OR ", lastUpdated.Values.Select(v => DateCondition("r.last_updated", "r.last_updated", v, now))).Append(')');
                break;
            case DateCriterion date:
                _where.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Probe("fhir_dates", "d")} AND d.param = {Parameter(date.Parameter)} AND (")
                    .AppendJoin(" OR ", date.Values.Select(v => DateCondition("d.start_at", "d.end_at", v, now))).Append("))");
                break;
            case TokenCriterion token:
                _where.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Probe("fhir_tokens", "t")} AND t.param = {Parameter(token.Parameter)} AND (")
                    .AppendJoin(" OR ", token.Values.Select(TokenCondition)).Append("))");
                break;
            case ReferenceCriterion reference:
                _where.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Probe("fhir_references", "f")} AND f.param = {Parameter(reference.Parameter)} AND (")
                    .AppendJoin(" OR ", reference.Values.Select(ReferenceCondition)).Append("))");
                break;
            default:
                throw new ArgumentException($"No SQL for {criterion.GetType().Name}.", nameof(criterion));
        }
    }

    private string TokenCondition(TokenValue value)
    {
        var parts = new List<string>();
        if (value.System is not null)
            parts.Add("t.system = " + Parameter(value.System));
        if (value.Code is not null)
            parts.Add("t.code = " + Parameter(value.Code));
        return parts.Count == 0 ? "1 = 1" : "(" + string.Join(" AND ", parts) + ")";
    }

    private string ReferenceCondition(ReferenceValue value) =>
        value.TargetType is null
            ? "f.target_id = " + Parameter(value.TargetId)
            : $"(f.target_id = {Parameter(value.TargetId)} AND f.target_type = {Parameter(value.TargetType)})";

    // FHIR's range semantics: the resource's range [s, e] against the parameter's [ps, pe], both inclusive.
    private string DateCondition(string s, string e, DateValue value, DateTimeOffset now)
    {
        var ps = Parameter(value.Range.Start);
        var pe = Parameter(value.Range.End);
        var within = $"({s} >= {ps} AND {e} <= {pe})";
        switch (value.Prefix)
        {
            case DatePrefix.Eq: return within;
            case DatePrefix.Ne: return "NOT " + within;
            case DatePrefix.Gt: return $"{e} > {pe}";
            case DatePrefix.Lt: return $"{s} < {ps}";
            case DatePrefix.Ge: return $"({e} > {pe} OR {within})";
            case DatePrefix.Le: return $"({s} < {ps} OR {within})";
            case DatePrefix.Sa: return $"{s} > {pe}";
            case DatePrefix.Eb: return $"{e} < {ps}";
            default:
                var slack = Math.Abs(now.UtcTicks - value.Range.Start) / 10;
                var low = Parameter(Math.Max(FhirDateRange.Min, value.Range.Start - slack));
                var high = Parameter(Math.Min(FhirDateRange.Max, value.Range.End + slack));
                return $"({s} <= {high} AND {e} >= {low})";
        }
    }
}
