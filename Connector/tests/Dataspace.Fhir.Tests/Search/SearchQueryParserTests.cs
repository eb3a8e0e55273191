using Dataspace.Fhir.Core;
using Dataspace.Fhir.Search;

namespace Dataspace.Fhir.Tests.Search;

/// <summary>Search parameter parsing, date ranges and cursors without a server.</summary>
public sealed class SearchQueryParserTests
{
    private static ParsedSearch Parse(bool lenient, params (string, string)[] parameters) =>
        SearchQueryParser.Parse("Observation", parameters.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2)), lenient, 50, 1000);

    [Fact]
    public void Tokens_dates_and_references_are_read_with_their_systems_prefixes_and_types()
    {
        var query = Parse(false, ("code", "http://loinc.org|8867-4,|x,sys|"), ("date", "ge2024-03"), ("patient", "p1"), ("subject", "Patient/p2")).Query;

        var code = Assert.IsType<TokenCriterion>(query.Criteria[0]);
        Assert.Equal([new TokenValue("http://loinc.org", "8867-4"), new TokenValue("", "x"), new TokenValue("sys", null)], code.Values);
        Assert.Equal(DatePrefix.Ge, Assert.IsType<DateCriterion>(query.Criteria[1]).Values[0].Prefix);
        Assert.Equal(new ReferenceValue("Patient", "p1"), Assert.IsType<ReferenceCriterion>(query.Criteria[2]).Values[0]);
        Assert.Equal(new ReferenceValue("Patient", "p2"), Assert.IsType<ReferenceCriterion>(query.Criteria[3]).Values[0]);
    }

    [Fact]
    public void Count_is_capped_and_sort_and_summary_are_read()
    {
        var query = Parse(false, ("_count", "5000"), ("_sort", "-date"), ("_summary", "count")).Query;

        Assert.Equal(1000, query.Count);
        Assert.Equal(new SearchSort(SortKey.Date, true), query.Sort);
        Assert.True(query.SummaryCount);
    }

    [Fact]
    public void Lenient_handling_ignores_and_lists_unknown_parameters()
    {
        var parsed = Parse(true, ("foo", "1"), ("code", "x"), ("_sort", "weird"));

        Assert.Equal(["foo", "_sort"], parsed.Ignored);
        Assert.Single(parsed.Query.Criteria);
        Assert.Equal([new KeyValuePair<string, string>("code", "x")], parsed.LinkParameters);
    }

    [Fact]
    public void Strict_handling_refuses_unknown_parameters()
    {
        var refused = Assert.Throws<FhirOutcomeException>(() => Parse(false, ("foo", "1")));

        Assert.Equal(400, refused.Status);
        Assert.Equal("foo", refused.Issues[0].Expression);
    }

    [Theory]
    [InlineData("2024", "2024-01-01T00:00:00Z", "2024-12-31T23:59:59.9999999Z")]
    [InlineData("2024-02", "2024-02-01T00:00:00Z", "2024-02-29T23:59:59.9999999Z")]
    [InlineData("2024-03-01", "2024-03-01T00:00:00Z", "2024-03-01T23:59:59.9999999Z")]
    [InlineData("2024-03-01T10:15:00+02:00", "2024-03-01T08:15:00Z", "2024-03-01T08:15:00.9999999Z")]
    [InlineData("2024-03-01T10:15:00.5Z", "2024-03-01T10:15:00.5Z", "2024-03-01T10:15:00.5999999Z")]
    [InlineData("2024-03-01T10:15", "2024-03-01T10:15:00Z", "2024-03-01T10:15:59.9999999Z")]
    public void Dates_cover_their_precision(string text, string start, string end)
    {
        Assert.True(FhirDateRange.TryParse(text, out var range));
        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture).UtcTicks, range.Start);
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture).UtcTicks, range.End);
    }

    [Theory]
    [InlineData("2024-13")]
    [InlineData("2024-02-30")]
    [InlineData("24")]
    [InlineData("2024-03-01T25:00:00Z")]
    [InlineData("")]
    public void Malformed_dates_are_refused(string text) => Assert.False(FhirDateRange.TryParse(text, out _));

    [Fact]
    public void A_cursor_survives_its_text_form_and_garbage_does_not_decode()
    {
        var cursor = new SearchCursor(true, -42, 7);

        Assert.True(SearchCursor.TryDecode(cursor.Encode(), out var decoded));
        Assert.Equal(cursor, decoded);
        Assert.False(SearchCursor.TryDecode("!!", out _));
    }
}
