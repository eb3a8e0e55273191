namespace Dataspace.ConsentLedger.Consent;

/// <summary>A party in a Consent provision or in a request: a role and a normalised reference such as <c>Organization/f001</c>.</summary>
public readonly record struct ConsentActor(CodeKey Role, string Reference)
{
    /// <summary>An actor whose reference is normalised with <see cref="FhirReference.Normalize"/>.</summary>
    public static ConsentActor Of(CodeKey role, string reference) => new(role, FhirReference.Normalize(reference));
}
