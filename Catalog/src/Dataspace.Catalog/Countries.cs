namespace Dataspace.Catalog;

/// <summary>ISO 3166-1 alpha-2 to alpha-3 for the EU, EEA and neighbours, as the EU country authority table names them.</summary>
public static class Countries
{
    private static readonly Dictionary<string, string> Alpha3 = new(StringComparer.Ordinal)
    {
        ["AT"] = "AUT", ["BE"] = "BEL", ["BG"] = "BGR", ["CY"] = "CYP", ["CZ"] = "CZE", ["DE"] = "DEU", ["DK"] = "DNK",
        ["EE"] = "EST", ["ES"] = "ESP", ["FI"] = "FIN", ["FR"] = "FRA", ["GR"] = "GRC", ["HR"] = "HRV", ["HU"] = "HUN",
        ["IE"] = "IRL", ["IT"] = "ITA", ["LT"] = "LTU", ["LU"] = "LUX", ["LV"] = "LVA", ["MT"] = "MLT", ["NL"] = "NLD",
        ["PL"] = "POL", ["PT"] = "PRT", ["RO"] = "ROU", ["SE"] = "SWE", ["SI"] = "SVN", ["SK"] = "SVK",
        ["IS"] = "ISL", ["LI"] = "LIE", ["NO"] = "NOR", ["CH"] = "CHE", ["GB"] = "GBR", ["US"] = "USA",
    };

    /// <summary>The EU authority IRI of a country, or null when the code is not in the table.</summary>
    public static string? AuthorityIri(string alpha2) => Alpha3.TryGetValue(alpha2, out var code) ? Vocabulary.Country + code : null;

    /// <summary>The alpha-2 code of an EU authority country IRI, or null.</summary>
    public static string? FromAuthorityIri(string iri)
    {
        if (!iri.StartsWith(Vocabulary.Country, StringComparison.Ordinal))
            return null;
        var code = iri[Vocabulary.Country.Length..];
        return Alpha3.FirstOrDefault(pair => pair.Value == code).Key;
    }
}
