namespace Dataspace.Connector.Transfer;

/// <summary>What one release wrote: resources, and how many patients were permitted and denied.</summary>
public sealed record ReleaseSummary(long Resources, int PermittedPatients, int DeniedPatients);
