namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>One generalisation rule; <see cref="Years"/> is the band width for <see cref="GeneralisationMethod.AgeBand"/> and null otherwise.</summary>
public sealed record Generalisation(GeneralisationMethod Method, int? Years);
