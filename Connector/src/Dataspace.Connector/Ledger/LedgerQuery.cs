using System.Globalization;
using Dataspace.Connector.Hosting;

namespace Dataspace.Connector.Ledger;

/// <summary>Reads the non-negative integer query parameters of the ledger API, with a problem+json answer for anything else.</summary>
internal static class LedgerQuery
{
    /// <summary>The value of <paramref name="name"/>; null when absent. Signs, spaces, decimals and overflow are errors, not defaults.</summary>
    public static bool TryRead(HttpRequest request, string name, out long? value, out IResult? error)
    {
        value = null;
        error = null;
        var values = request.Query[name];
        if (values.Count == 0)
        {
            return true;
        }

        if (values.Count > 1 || !long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            error = Problems.BadRequest($"'{name}' must be one non-negative integer.");
            return false;
        }

        value = parsed;
        return true;
    }
}
