namespace Dataspace.Fhir.Export;

/// <summary>Where a Bulk Data export stands.</summary>
public enum ExportState
{
    /// <summary>Files are being written.</summary>
    Running,

    /// <summary>Every file is written; the manifest is available.</summary>
    Completed,

    /// <summary>The export stopped on an error.</summary>
    Failed,
}
