namespace Dataspace.Catalog;

/// <summary>Namespaces of the vocabularies a health catalog speaks: DCAT 3, Dublin Core, HealthDCAT-AP, DPV and the EU authority tables.</summary>
public static class Vocabulary
{
    public const string Dcat = "http://www.w3.org/ns/dcat#";
    public const string Dct = "http://purl.org/dc/terms/";
    public const string HealthDcatAp = "http://healthdataportal.eu/ns/health#";
    public const string DcatAp = "http://data.europa.eu/r5r/";
    public const string Dpv = "https://w3id.org/dpv#";
    public const string Xsd = "http://www.w3.org/2001/XMLSchema#";
    public const string Odrl = "http://www.w3.org/ns/odrl/2/";
    public const string Dspace = "https://w3id.org/dspace/2025/1/";

    /// <summary>EU data theme table; <c>HEAL</c> is health.</summary>
    public const string DataTheme = "http://publications.europa.eu/resource/authority/data-theme/";

    /// <summary>EU access-right table: PUBLIC, RESTRICTED, NON_PUBLIC.</summary>
    public const string AccessRight = "http://publications.europa.eu/resource/authority/access-right/";

    /// <summary>EU country table (ISO 3166-1 alpha-3 codes).</summary>
    public const string Country = "http://publications.europa.eu/resource/authority/country/";

    /// <summary>The European Health Data Space regulation, the applicable legislation of secondary use.</summary>
    public const string EhdsRegulation = "http://data.europa.eu/eli/reg/2025/327/oj";
}
