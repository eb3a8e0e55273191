using System.Globalization;
using System.Text;

namespace Dataspace.Fhir.Search;

/// <summary>
/// Where a page starts: the sort value and row of the last (or first) result of the page before, so paging stays
/// stable while resources are added or changed. Opaque to clients (base64url).
/// </summary>
/// <param name="Backward">True for a previous-page cursor: results before the position, in the query's order.</param>
/// <param name="SortValue">The sort key of the position.</param>
/// <param name="Row">The store's row number of the position, which breaks ties.</param>
public sealed record SearchCursor(bool Backward, long SortValue, long Row)
{
    /// <summary>The opaque text form.</summary>
    public string Encode() =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{(Backward ? 'p' : 'n')}.{SortValue}.{Row}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Reads a cursor written by <see cref="Encode"/>; false for anything else.</summary>
    public static bool TryDecode(string text, out SearchCursor? cursor)
    {
        cursor = null;
        if (text.Length is 0 or > 100)
            return false;
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        Span<byte> bytes = stackalloc byte[80];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
            return false;
        var parts = Encoding.ASCII.GetString(bytes[..length]).Split('.');
        if (parts.Length != 3 || parts[0] is not ("n" or "p")
            || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var row))
            return false;
        cursor = new SearchCursor(parts[0] == "p", value, row);
        return true;
    }
}
