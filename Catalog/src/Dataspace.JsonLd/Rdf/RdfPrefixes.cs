namespace Dataspace.JsonLd.Rdf;

/// <summary>Namespace prefixes the Turtle writer uses by default: the vocabularies of DSP catalogs, HealthDCAT-AP, ODRL and verifiable credentials.</summary>
public static class RdfPrefixes
{
    /// <summary>Prefix → namespace IRI; only the prefixes a document actually uses are declared in its output.</summary>
    public static IReadOnlyDictionary<string, string> Common { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        ["rdfs"] = "http://www.w3.org/2000/01/rdf-schema#",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
        ["owl"] = "http://www.w3.org/2002/07/owl#",
        ["skos"] = "http://www.w3.org/2004/02/skos/core#",
        ["prov"] = "http://www.w3.org/ns/prov#",
        ["foaf"] = "http://xmlns.com/foaf/0.1/",
        ["vcard"] = "http://www.w3.org/2006/vcard/ns#",
        ["schema"] = "https://schema.org/",
        ["dct"] = "http://purl.org/dc/terms/",
        ["dcat"] = "http://www.w3.org/ns/dcat#",
        ["dcatap"] = "http://data.europa.eu/r5r/",
        ["adms"] = "http://www.w3.org/ns/adms#",
        ["locn"] = "http://www.w3.org/ns/locn#",
        ["spdx"] = "http://spdx.org/rdf/terms#",
        ["healthdcatap"] = "http://healthdataportal.eu/ns/health#",
        ["dpv"] = "https://w3id.org/dpv#",
        ["odrl"] = "http://www.w3.org/ns/odrl/2/",
        ["dspace"] = "https://w3id.org/dspace/2025/1/",
        ["cred"] = "https://www.w3.org/2018/credentials#",
        ["sec"] = "https://w3id.org/security#",
        ["gx"] = "https://registry.lab.gaia-x.eu/development/api/trusted-shape-registry/v1/shapes/jsonld/trustframework#",
    };
}
