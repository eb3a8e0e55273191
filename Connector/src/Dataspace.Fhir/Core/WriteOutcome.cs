namespace Dataspace.Fhir.Core;

/// <summary>The version a create or update stored, and whether it brought the resource into existence (201) or replaced it (200).</summary>
public sealed record WriteOutcome(StoredResource Resource, bool Created);
