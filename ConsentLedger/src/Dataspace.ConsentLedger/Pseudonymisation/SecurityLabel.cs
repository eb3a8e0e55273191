namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>A Coding written into <c>meta.security</c> of every output resource, e.g. v3-ObservationValue <c>PSEUDED</c>.</summary>
public sealed record SecurityLabel(string System, string Code);
