using System.Text;
using Dapper;
using Dataspace.Fhir.Search;

namespace Dataspace.Fhir.Storage;

/// <summary>Translates a <see cref="SearchQuery"/> into SQL both SQLite and PostgreSQL accept, with every value as a parameter.</summary>
internal sealed class SqlSearch
{
    /// <summary>The columns <see cref="SqlFhirStore.Map"/> reads, in its order.</summary>
    public const string Columns = "r.rid, r.resource_type, r.id, r.version, r.last_updated, r.deleted, r.resource";

    private readonly StringBuilder _where = new("r.resource_type = @type AND r.deleted = 0");
    private readonly DynamicParameters _parameters = new();
    private int _next;

    private SqlSearch(SearchQuery query, DateTimeOffset now)
    {
        _parameters.Add("type", query.ResourceType);
        foreach (var criterion in query.Criteria)
        {
            _where.Append(" AND ");
            Append(criterion, now);
        }
    }

    /// <summary>The statement for one page, fetching one row more than the page to learn whether another page follows.</summary>
    public static CommandDefinition Page(SearchQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var search = new SqlSearch(query, now);
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
            $"SELECT {Columns}, {sortColumn} FROM fhir_resources r WHERE {search._where} ORDER BY {sortColumn} {direction}, r.rid {direction} LIMIT @limit",
            search._parameters, cancellationToken: cancellationToken);
    }

    /// <summary>The statement counting every match.</summary>
    public static CommandDefinition Count(SearchQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var search = new SqlSearch(query, now);
        return new CommandDefinition($"SELECT COUNT(*) FROM fhir_resources r WHERE {search._where}", search._parameters, cancellationToken: cancellationToken);
    }

    /// <summary>The statement selecting the ids of matches, for conditional interactions.</summary>
    public static CommandDefinition Ids(SearchQuery query, int limit, DateTimeOffset now, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
    {
        var search = new SqlSearch(query, now);
        search._parameters.Add("limit", limit);
        return new CommandDefinition($"SELECT r.id FROM fhir_resources r WHERE {search._where} ORDER BY r.rid LIMIT @limit", search._parameters, transaction, cancellationToken: cancellationToken);
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
                _where.Append(System.Globalization.CultureInfo.InvariantCulture, $"EXISTS (SELECT 1 FROM fhir_dates d WHERE d.rid = r.rid AND d.param = {Parameter(date.Parameter)} AND (")
                    .AppendJoin(" OR ", date.Values.Select(v => DateCondition("d.start_at", "d.end_at", v, now))).Append("))");
                break;
            case TokenCriterion token:
                _where.Append(System.Globalization.CultureInfo.InvariantCulture, $"EXISTS (SELECT 1 FROM fhir_tokens t WHERE t.rid = r.rid AND t.param = {Parameter(token.Parameter)} AND (")
                    .AppendJoin(" OR ", token.Values.Select(TokenCondition)).Append("))");
                break;
            case ReferenceCriterion reference:
                _where.Append(System.Globalization.CultureInfo.InvariantCulture, $"EXISTS (SELECT 1 FROM fhir_references f WHERE f.rid = r.rid AND f.param = {Parameter(reference.Parameter)} AND (")
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
