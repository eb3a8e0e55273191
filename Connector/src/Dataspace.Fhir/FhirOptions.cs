namespace Dataspace.Fhir;

/// <summary>Settings of the FHIR facade, filled in by the host from its own configuration.</summary>
public sealed class FhirOptions
{
    /// <summary>Who may call <c>/fhir</c>; an empty list refuses everyone but <c>/fhir/metadata</c>.</summary>
    public List<FhirApiKey> ApiKeys { get; set; } = [];

    /// <summary>Folder for Bulk Data export files (one sub-folder per export).</summary>
    public string ExportFolder { get; set; } = "fhir-export";

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Deepest JSON nesting accepted; FHIR resources nest deeper than the management API's documents.</summary>
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>Most entries in one transaction Bundle.</summary>
    public int MaxBundleEntries { get; set; } = 1000;

    /// <summary>Search page size when the client names no <c>_count</c>.</summary>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>Largest search page; a larger <c>_count</c> is reduced to it.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Most versions one history request returns.</summary>
    public int MaxHistory { get; set; } = 100;

    /// <summary>Bulk Data exports that may run at once; another kick-off gets 429.</summary>
    public int MaxConcurrentExports { get; set; } = 2;
}

/// <summary>An <c>X-Api-Key</c> admitted to <c>/fhir</c>; a key that may not see PHI (the regulator's) gets 403.</summary>
/// <param name="Key">The key, compared in constant time.</param>
/// <param name="MayAccessPhi">True for operators; false for roles that must never see patient data.</param>
public sealed record FhirApiKey(string Key, bool MayAccessPhi);
