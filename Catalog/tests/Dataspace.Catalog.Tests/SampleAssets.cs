using Dataspace.Catalog.Assets;

namespace Dataspace.Catalog.Tests;

/// <summary>Assets shaped like the hospital's: an ambulance ECG stream, a cardiology record set, a wearable trend dataset.</summary>
public static class SampleAssets
{
    public static Asset Cardiology { get; } = new("cardiology-records", new DatasetDescription
    {
        Title = "Cardiology patient records",
        Description = "Encounters, observations and conditions of cardiology patients, FHIR R4.",
        Keywords = ["cardiology", "myocardial infarction", "FHIR"],
        Publisher = "https://www.hopitauxschuman.lu",
        HealthCategories = ["EHR"],
        NumberOfRecords = 120_000,
        NumberOfUniqueIndividuals = 8_400,
        TypicalAge = new AgeRange(35, 90),
        Temporal = new PeriodOfTime(new DateOnly(2019, 1, 1), new DateOnly(2026, 10, 31)),
        Countries = ["LU"],
        AccessRights = "NON_PUBLIC",
        PersonalData = ["https://w3id.org/dpv/pd#HealthRecord"],
        LegalBases = ["https://w3id.org/dpv/legal/eu/gdpr#A9-2-h"],
        RetentionPeriod = "P10Y",
        MediaTypes = ["application/fhir+ndjson"],
        TransferTypes = ["FHIR-PULL", "FHIR-PUSH"],
    }, new DataAddress("FhirStore", new Dictionary<string, string> { ["search"] = "Observation?category=vital-signs", ["secret"] = "s3cr3t" }));

    public static Asset AmbulanceEcg { get; } = new("ambulance-ecg-stream", new DatasetDescription
    {
        Title = "Ambulance ECG and vitals stream",
        Description = "Live 12-lead ECG, heart rate and SpO2 from ambulance monitors over 5G.",
        Keywords = ["ECG", "emergency", "stream"],
        Publisher = "https://www.hopitauxschuman.lu",
        HealthCategories = ["MEDICAL_DEVICE_DATA"],
        Countries = ["LU"],
        TransferTypes = ["DEVICE-STREAM"],
    }, new DataAddress("DeviceStream", new Dictionary<string, string> { ["topic"] = "ambulance/+/vitals" }));

    public static Asset WearableTrends { get; } = new("wearable-trends", new DatasetDescription
    {
        Title = "Pseudonymised heart-rate and SpO2 trends from wearables",
        Description = "Daily aggregates from consumer smart watches of consenting chronic patients.",
        Keywords = ["wearables", "trends", "research"],
        Publisher = "Luxembourg health research institute",
        HealthCategories = ["MEDICAL_DEVICE_DATA"],
        NumberOfUniqueIndividuals = 2_000,
        Countries = ["LU", "DE"],
        AccessRights = "RESTRICTED",
        TransferTypes = ["FHIR-PULL"],
    }, new DataAddress("FhirStore", new Dictionary<string, string>()));
}
