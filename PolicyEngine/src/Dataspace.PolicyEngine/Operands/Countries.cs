namespace Dataspace.PolicyEngine.Operands;

/// <summary>Countries as ISO 3166-1 alpha-2 codes, grouped into the EU and the EEA, with EU-vocabulary IRIs as aliases.</summary>
public static class Countries
{
    /// <summary>Prefix of the EU Publications Office country authority IRIs (alpha-3 based).</summary>
    public const string EuAuthority = "http://publications.europa.eu/resource/authority/country/";

    public const string EuropeanUnion = "EU";
    public const string EuropeanEconomicArea = "EEA";

    private static readonly (string Alpha2, string Alpha3)[] EuMembers =
    [
        ("AT", "AUT"), ("BE", "BEL"), ("BG", "BGR"), ("HR", "HRV"), ("CY", "CYP"), ("CZ", "CZE"), ("DK", "DNK"),
        ("EE", "EST"), ("FI", "FIN"), ("FR", "FRA"), ("DE", "DEU"), ("GR", "GRC"), ("HU", "HUN"), ("IE", "IRL"),
        ("IT", "ITA"), ("LV", "LVA"), ("LT", "LTU"), ("LU", "LUX"), ("MT", "MLT"), ("NL", "NLD"), ("PL", "POL"),
        ("PT", "PRT"), ("RO", "ROU"), ("SK", "SVK"), ("SI", "SVN"), ("ES", "ESP"), ("SE", "SWE"),
    ];

    private static readonly (string Alpha2, string Alpha3)[] EeaOnly = [("IS", "ISL"), ("LI", "LIE"), ("NO", "NOR")];

    private static readonly (string Alpha2, string Alpha3)[] Others = [("CH", "CHE"), ("GB", "GBR"), ("US", "USA")];

    /// <summary>The country scheme; an alpha-2 code not listed still compares by equality.</summary>
    public static ConceptScheme Scheme { get; } = new(
        [
            new Concept(EuropeanUnion, [], ["European Union"]),
            new Concept(EuropeanEconomicArea, [], ["European Economic Area"]),
            .. EuMembers.Select(c => Country(c, [EuropeanUnion, EuropeanEconomicArea])),
            .. EeaOnly.Select(c => Country(c, [EuropeanEconomicArea])),
            .. Others.Select(c => Country(c, [])),
        ]);

    private static Concept Country((string Alpha2, string Alpha3) codes, string[] groups) =>
        new(codes.Alpha2, groups, [codes.Alpha3, EuAuthority + codes.Alpha3, .. GreeceInEuUsage(codes.Alpha2)]);

    // The EU writes Greece as EL, so that code must mean GR too.
    private static string[] GreeceInEuUsage(string alpha2) => alpha2 == "GR" ? ["EL"] : [];
}
