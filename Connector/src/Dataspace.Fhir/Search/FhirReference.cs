namespace Dataspace.Fhir.Search;

/// <summary>Splits literal references (<c>Patient/1</c>, <c>http://host/fhir/Patient/1/_history/2</c>) into type and id.</summary>
public static class FhirReference
{
    /// <summary>The type and id of a literal reference to a resource; false for contained (<c>#x</c>), urn and malformed references.</summary>
    public static bool TryParse(string? reference, out string type, out string id)
    {
        type = id = "";
        if (string.IsNullOrEmpty(reference) || reference.StartsWith('#') || reference.StartsWith("urn:", StringComparison.Ordinal))
            return false;
        var path = reference.Split('?', 2)[0];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var history = Array.IndexOf(segments, "_history");
        if (history >= 0)
            segments = segments[..history];
        if (segments.Length < 2 || !SearchParameters.IsResourceType(segments[^2]))
            return false;
        type = segments[^2];
        id = segments[^1];
        return IsValidId(id);
    }

    /// <summary>True for a FHIR id: 1–64 letters, digits, '-' and '.'.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');
}
