namespace Dataspace.Connector.Tests.Catalog;

/// <summary>The hospital's catalog: two assets, four ODRL policies in different JSON-LD shapes, two contract definitions.</summary>
public static class CatalogSeed
{
    public const string CardiologyAsset = """
        {
          "id": "cardiology-records",
          "description": {
            "title": "Cardiology patient records",
            "description": "Encounters, observations and conditions of cardiology patients, FHIR R4.",
            "keywords": ["cardiology", "myocardial infarction"],
            "publisher": "https://www.hopitauxschuman.lu",
            "healthCategories": ["EHR"],
            "numberOfRecords": 120000,
            "numberOfUniqueIndividuals": 8400,
            "typicalAge": { "min": 35, "max": 90 },
            "temporal": { "start": "2019-01-01", "end": "2026-10-31" },
            "countries": ["LU"],
            "personalData": ["https://w3id.org/dpv/pd#HealthRecord"],
            "legalBases": ["https://w3id.org/dpv/legal/eu/gdpr#A9-2-h"],
            "retentionPeriod": "P10Y",
            "mediaTypes": ["application/fhir+ndjson"],
            "transferTypes": ["FHIR-PULL", "FHIR-PUSH"]
          },
          "dataAddress": { "type": "FhirStore", "properties": { "compartment": "Patient", "resourceTypes": "Observation,Condition,Encounter,Consent" } }
        }
        """;

    public const string TrendsAsset = """
        {
          "id": "wearable-trends",
          "description": {
            "title": "Pseudonymised heart-rate trends from wearables",
            "description": "Daily aggregates from smart watches of consenting chronic patients.",
            "keywords": ["wearables", "trends"],
            "publisher": "https://www.hopitauxschuman.lu",
            "healthCategories": ["MEDICAL_DEVICE_DATA"],
            "countries": ["LU", "DE"],
            "accessRights": "RESTRICTED",
            "transferTypes": ["FHIR-PULL", "FHIR-PUSH"]
          },
          "dataAddress": { "type": "FhirStore", "properties": {} }
        }
        """;

    /// <summary>Any member may see: a Set with one unconstrained permission, in the ODRL 2.2 context.</summary>
    public const string MembersAccess = """
        { "id": "members-access", "policy": {
            "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Set", "uid": "urn:policy:members-access",
            "permission": [{ "action": "use" }] } }
        """;

    /// <summary>Only participants whose verified role is hospital may see.</summary>
    public const string HospitalsAccess = """
        { "id": "hospitals-access", "policy": {
            "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Set", "uid": "urn:policy:hospitals-access",
            "permission": [{ "action": "use",
              "constraint": [{ "leftOperand": "urn:dataspace:policy:role", "operator": "eq", "rightOperand": "hospital" }] }] } }
        """;

    /// <summary>Treatment only, unprefixed terms with the ODRL context.</summary>
    public const string TreatmentOffer = """
        { "id": "treatment-offer", "policy": {
            "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer", "uid": "urn:policy:treatment",
            "permission": [{ "action": "use",
              "constraint": [{ "leftOperand": "purpose", "operator": "eq",
                               "rightOperand": { "@id": "http://terminology.hl7.org/CodeSystem/v3-ActReason#TREAT" } }] }] } }
        """;

    /// <summary>Research with a pseudonymisation duty, written with an explicit odrl: prefix and no ODRL context.</summary>
    public const string ResearchOffer = """
        { "id": "research-offer", "policy": {
            "@context": { "odrl": "http://www.w3.org/ns/odrl/2/" },
            "@type": "odrl:Offer", "@id": "urn:policy:research",
            "odrl:permission": [{ "odrl:action": { "@id": "odrl:use" },
              "odrl:constraint": [{ "odrl:leftOperand": { "@id": "odrl:purpose" }, "odrl:operator": { "@id": "odrl:eq" },
                                    "odrl:rightOperand": { "@id": "http://terminology.hl7.org/CodeSystem/v3-ActReason#HRESCH" } }],
              "odrl:duty": [{ "odrl:action": { "@id": "urn:dataspace:policy:pseudonymise" } }] }] } }
        """;

    public const string CardiologyForHospitals = """
        { "id": "cardiology-for-hospitals", "accessPolicyId": "hospitals-access", "contractPolicyId": "treatment-offer",
          "assetSelector": [{ "property": "healthCategory", "operator": "=", "values": ["EHR"] }] }
        """;

    public const string TrendsForMembers = """
        { "id": "trends-for-members", "accessPolicyId": "members-access", "contractPolicyId": "research-offer",
          "assetSelector": [{ "property": "id", "operator": "in", "values": ["wearable-trends"] }] }
        """;
}
