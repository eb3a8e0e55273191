namespace Dataspace.Catalog.Assets;

/// <summary>What a catalog says about a dataset: DCAT-AP 3 with the HealthDCAT-AP extensions and DPV personal-data facts.</summary>
public sealed record DatasetDescription
{
    /// <summary><c>dct:title</c> (mandatory in DCAT-AP).</summary>
    public required string Title { get; init; }

    /// <summary><c>dct:description</c> (mandatory in DCAT-AP).</summary>
    public required string Description { get; init; }

    /// <summary><c>dcat:keyword</c>.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary><c>dct:publisher</c>: the publishing organisation, an IRI or a name.</summary>
    public string? Publisher { get; init; }

    /// <summary><c>dcat:theme</c> from the EU data-theme table, e.g. <c>HEAL</c>.</summary>
    public IReadOnlyList<string> Themes { get; init; } = ["HEAL"];

    /// <summary><c>healthdcatap:healthCategory</c>: EHDS categories such as <c>EHR</c>, <c>MEDICAL_DEVICE_DATA</c>.</summary>
    public IReadOnlyList<string> HealthCategories { get; init; } = [];

    /// <summary><c>healthdcatap:numberOfRecords</c>.</summary>
    public long? NumberOfRecords { get; init; }

    /// <summary><c>healthdcatap:numberOfUniqueIndividuals</c>.</summary>
    public long? NumberOfUniqueIndividuals { get; init; }

    /// <summary><c>healthdcatap:minTypicalAge</c> and <c>maxTypicalAge</c>, deliberately approximate.</summary>
    public AgeRange? TypicalAge { get; init; }

    /// <summary><c>dct:temporal</c>: the period the data covers.</summary>
    public PeriodOfTime? Temporal { get; init; }

    /// <summary><c>dct:spatial</c> as ISO 3166-1 alpha-2 country codes.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    /// <summary><c>dct:accessRights</c>: PUBLIC, RESTRICTED or NON_PUBLIC.</summary>
    public string AccessRights { get; init; } = "NON_PUBLIC";

    /// <summary><c>dpv:hasPersonalData</c>: DPV personal-data categories (IRIs or <c>dpv-pd</c> local names).</summary>
    public IReadOnlyList<string> PersonalData { get; init; } = [];

    /// <summary><c>dpv:hasLegalBasis</c>, e.g. GDPR Art. 9(2)(h) or (j) as IRIs.</summary>
    public IReadOnlyList<string> LegalBases { get; init; } = [];

    /// <summary><c>healthdcatap:retentionPeriod</c> as an ISO 8601 duration, e.g. <c>P10Y</c>.</summary>
    public string? RetentionPeriod { get; init; }

    /// <summary>Media types of the data, e.g. <c>application/fhir+ndjson</c> (<c>dcat:mediaType</c>).</summary>
    public IReadOnlyList<string> MediaTypes { get; init; } = [];

    /// <summary>DSP transfer types the asset can be delivered with, e.g. <c>FHIR-PULL</c>; each becomes a <c>Distribution</c>.</summary>
    public IReadOnlyList<string> TransferTypes { get; init; } = ["FHIR-PULL"];
}

/// <summary>A typical age range of the individuals in a dataset.</summary>
public sealed record AgeRange(int? Min = null, int? Max = null);

/// <summary>A <c>dct:PeriodOfTime</c> with optional start and end dates.</summary>
public sealed record PeriodOfTime(DateOnly? Start = null, DateOnly? End = null);
