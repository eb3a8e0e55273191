using System.Text.Json.Serialization;
using Dataspace.Fhir.Core;
using Dataspace.Fhir.Search;
using Microsoft.AspNetCore.WebUtilities;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// What a FHIR-PUSH transfer delivers: the resources of one type for the named patients (<c>Patient/id</c>), narrowed by
/// FHIR search parameters kept as a query string (<c>code=…&amp;date=ge2026-01-01</c>). Checked the way the pull data
/// plane checks a request, strictly: an unsupported parameter is an error, never silently dropped.
/// </summary>
public sealed record PushSelection(string ResourceType, IReadOnlyList<string> Patients, string Query)
{
    /// <summary>The search parameters of <see cref="Query"/>, in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<KeyValuePair<string, string>> Filters => ParseQuery(Query);

    /// <summary>
    /// The selection of <paramref name="resourceType"/>, <paramref name="patients"/> (ids or <c>Patient/id</c>) and
    /// <paramref name="query"/>, or null with an <paramref name="error"/> that repeats no patient id.
    /// </summary>
    public static PushSelection? Create(string? resourceType, IEnumerable<string?>? patients, string? query, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(resourceType) || !resourceType.All(char.IsAsciiLetter))
        {
            error = "resourceType is required, e.g. Observation";
            return null;
        }
        var ids = new List<string>();
        foreach (var patient in patients ?? [])
        {
            var id = patient?.Trim() is { } p && p.StartsWith("Patient/", StringComparison.Ordinal) ? p["Patient/".Length..] : patient?.Trim();
            // The id itself is not repeated: it may identify a person.
            if (!FhirReference.IsValidId(id))
            {
                error = "every patient must be a FHIR id or Patient/id";
                return null;
            }
            ids.Add("Patient/" + id);
        }
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count is 0 or > DataRelease.MaxPatients)
        {
            error = $"name 1 to {DataRelease.MaxPatients} patients";
            return null;
        }
        var normalised = (query ?? "").TrimStart('?');
        var filters = ParseQuery(normalised);
        if (filters.FirstOrDefault(f => f.Key is "patient" or SearchQueryParser.CursorParameter) is { Key: { } reserved })
        {
            error = $"the query may not set '{reserved}'; the patients are given separately";
            return null;
        }
        try
        {
            SearchQueryParser.Parse(resourceType, [PatientCompartment.Criterion(resourceType, distinct[0]), .. filters], lenient: false, 1, 1);
        }
        catch (FhirOutcomeException e)
        {
            error = "the search is not valid: " + e.Message;
            return null;
        }
        return new PushSelection(resourceType, distinct, normalised);
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string query) =>
        query.Length == 0
            ? []
            : QueryHelpers.ParseQuery("?" + query).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))).ToList();
}
