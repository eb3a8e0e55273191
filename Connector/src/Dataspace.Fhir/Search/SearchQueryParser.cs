using System.Globalization;
using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;

namespace Dataspace.Fhir.Search;

/// <summary>
/// Reads FHIR search parameters into a <see cref="SearchQuery"/>. Strict by default: a parameter, modifier or
/// <c>_sort</c> key this server does not support is a 400; lenient handling ignores it and reports it. A malformed
/// value of a supported parameter is a 400 either way.
/// </summary>
public static class SearchQueryParser
{
    /// <summary>The paging cursor parameter; opaque to clients, written into next/previous links.</summary>
    public const string CursorParameter = "_cursor";

    /// <summary>Parses the query of a search on <paramref name="resourceType"/>.</summary>
    public static ParsedSearch Parse(string resourceType, IEnumerable<KeyValuePair<string, string>> parameters, bool lenient, int defaultCount, int maxCount)
    {
        var supported = SearchParameters.For(resourceType);
        var criteria = new List<SearchCriterion>();
        var link = new List<KeyValuePair<string, string>>();
        var ignored = new List<string>();
        var sort = SearchSort.Default;
        var count = defaultCount;
        SearchCursor? cursor = null;
        var summaryCount = false;

        void Unsupported(string name, string why)
        {
            if (!lenient)
                throw FhirOutcomeException.BadRequest($"{why} Send 'Prefer: handling=lenient' to have it ignored.", name, OperationOutcome.IssueType.NotSupported);
            ignored.Add(name);
        }

        foreach (var (name, value) in parameters)
        {
            var keep = true;
            switch (name)
            {
                case "_count":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count))
                        throw FhirOutcomeException.BadRequest("_count must be a non-negative integer.", "_count");
                    count = Math.Min(count, maxCount);
                    break;
                case "_sort":
                    if (ParseSort(resourceType, value) is { } parsed)
                        sort = parsed;
                    else
                    {
                        Unsupported("_sort", $"Sorting by '{value}' is not supported; use _lastUpdated, -_lastUpdated, date or -date (where the type has a date).");
                        keep = false;
                    }
                    break;
                case "_summary":
                    if (value == "count")
                        summaryCount = true;
                    else if (value != "false")
                    {
                        Unsupported("_summary", $"_summary={value} is not supported; only count and false are.");
                        keep = false;
                    }
                    break;
                case CursorParameter:
                    if (!SearchCursor.TryDecode(value, out cursor))
                        throw FhirOutcomeException.BadRequest("The paging cursor is not one this server issued.", CursorParameter);
                    keep = false;
                    break;
                case "_format":
                    if (value is not ("json" or "application/json" or "application/fhir+json"))
                        throw FhirOutcomeException.NotSupported("Only JSON is supported (_format=json).", 406);
                    break;
                case "_pretty" or "_total":
                    // Presentation hints that change no result; accepted and not acted on.
                    break;
                case SearchParameters.Id:
                    var ids = Split(value);
                    if (ids.Any(id => !FhirReference.IsValidId(id)))
                        throw FhirOutcomeException.BadRequest("_id takes FHIR ids (letters, digits, '-', '.', at most 64).", SearchParameters.Id);
                    criteria.Add(new IdCriterion(ids));
                    break;
                case SearchParameters.LastUpdated:
                    criteria.Add(new DateCriterion(name, Split(value).Select(v => ParseDate(name, v)).ToList()));
                    break;
                default:
                    if (!supported.TryGetValue(name, out var parameter))
                    {
                        Unsupported(name, name.Contains(':', StringComparison.Ordinal)
                            ? $"The search modifier in '{name}' is not supported."
                            : $"'{name}' is not a search parameter this server supports for {resourceType}.");
                        keep = false;
                        break;
                    }
                    criteria.Add(parameter.Type switch
                    {
                        SearchParamType.Token => new TokenCriterion(name, Split(value).Select(ParseToken).ToList()),
                        SearchParamType.Date => new DateCriterion(name, Split(value).Select(v => ParseDate(name, v)).ToList()),
                        _ => new ReferenceCriterion(name, Split(value).Select(v => ParseReference(name, v)).ToList()),
                    });
                    break;
            }
            if (keep)
                link.Add(new(name, value));
        }

        var query = new SearchQuery(resourceType, criteria, sort, count, cursor, summaryCount);
        return new ParsedSearch(query, link, ignored);
    }

    private static SearchSort? ParseSort(string resourceType, string value)
    {
        var descending = value.StartsWith('-');
        var key = descending ? value[1..] : value;
        return key switch
        {
            SearchParameters.LastUpdated => new SearchSort(SortKey.LastUpdated, descending),
            SearchParameters.Date when SearchParameters.For(resourceType).ContainsKey(SearchParameters.Date) => new SearchSort(SortKey.Date, descending),
            _ => null,
        };
    }

    private static List<string> Split(string value)
    {
        var values = value.Split(',').Select(v => v.Trim()).ToList();
        if (values.Any(v => v.Length == 0))
            throw FhirOutcomeException.BadRequest("A search parameter has an empty value.");
        return values;
    }

    private static TokenValue ParseToken(string value)
    {
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
            return new TokenValue(null, value);
        var code = value[(bar + 1)..];
        return new TokenValue(value[..bar], code.Length == 0 ? null : code);
    }

    private static DateValue ParseDate(string name, string value)
    {
        var prefix = DatePrefix.Eq;
        if (value.Length > 2 && char.IsAsciiLetterLower(value[0]) && char.IsAsciiLetterLower(value[1]))
        {
            if (!Enum.TryParse(value[..2], ignoreCase: true, out prefix) || !Enum.IsDefined(prefix))
                throw FhirOutcomeException.BadRequest($"'{value[..2]}' is not a date prefix (eq, ne, lt, le, gt, ge, sa, eb, ap).", name);
            value = value[2..];
        }
        if (!FhirDateRange.TryParse(value, out var range))
            throw FhirOutcomeException.BadRequest($"The value of {name} is not a FHIR date, dateTime or instant.", name);
        return new DateValue(prefix, range);
    }

    private static ReferenceValue ParseReference(string name, string value)
    {
        if (FhirReference.TryParse(value, out var type, out var id))
            return new ReferenceValue(type, id);
        if (FhirReference.IsValidId(value))
            return new ReferenceValue(name == SearchParameters.Patient ? "Patient" : null, value);
        throw FhirOutcomeException.BadRequest($"The value of {name} is neither an id nor a Type/id reference.", name);
    }
}
