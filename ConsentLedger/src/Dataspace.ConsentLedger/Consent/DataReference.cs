namespace Dataspace.ConsentLedger.Consent;

/// <summary>One <c>provision.data</c> entry: a normalised reference and how far it reaches.</summary>
public readonly record struct DataReference(DataMeaning Meaning, string Reference);
