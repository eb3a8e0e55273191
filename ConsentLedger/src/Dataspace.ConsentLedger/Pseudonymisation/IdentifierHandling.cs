namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>What happens to every Identifier that survives the allowlist, wherever it sits (a resource's own or a Reference.identifier).</summary>
public enum IdentifierHandling
{
    /// <summary>System becomes <see cref="PseudonymisationCodes.IdentifierSystem"/>, value a keyed pseudonym of system and value; all else dropped.</summary>
    Pseudonymise,

    /// <summary>The identifier is removed.</summary>
    Drop,
}
