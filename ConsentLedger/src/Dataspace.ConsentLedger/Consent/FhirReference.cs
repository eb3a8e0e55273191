namespace Dataspace.ConsentLedger.Consent;

/// <summary>Brings FHIR literal references to one comparable form, <c>Type/id</c>.</summary>
public static class FhirReference
{
    /// <summary>
    /// Drops a server base and a <c>_history</c> suffix, so <c>https://h.example/fhir/Patient/1/_history/2</c> and <c>Patient/1</c> compare equal.
    /// Other forms (<c>urn:uuid:…</c>, a bare id) come back trimmed but otherwise unchanged.
    /// </summary>
    public static string Normalize(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var value = reference.Trim();
        var history = value.IndexOf("/_history/", StringComparison.Ordinal);
        if (history >= 0)
        {
            value = value[..history];
        }

        if (!value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        var idSlash = value.LastIndexOf('/');
        var typeSlash = idSlash > 0 ? value.LastIndexOf('/', idSlash - 1) : -1;
        return typeSlash >= 0 ? value[(typeSlash + 1)..] : value;
    }
}
