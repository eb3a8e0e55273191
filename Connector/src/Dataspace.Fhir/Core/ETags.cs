using System.Globalization;

namespace Dataspace.Fhir.Core;

/// <summary>Reads the version out of an ETag or If-Match value (<c>W/"3"</c>, <c>"3"</c>).</summary>
public static class ETags
{
    /// <summary>The version number; false when the value is not a version ETag.</summary>
    public static bool TryParseVersion(string value, out int version)
    {
        var text = value.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
            text = text[2..];
        return int.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;
    }
}
