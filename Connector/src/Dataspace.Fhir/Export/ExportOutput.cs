namespace Dataspace.Fhir.Export;

/// <summary>One NDJSON file of an export: the resource type it holds, its file name and how many resources are in it.</summary>
public sealed record ExportOutput(string ResourceType, string FileName, long Count);
