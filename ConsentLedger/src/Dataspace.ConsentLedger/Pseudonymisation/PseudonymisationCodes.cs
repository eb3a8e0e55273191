namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>The URNs this dataspace writes into pseudonymised resources; URNs, so no domain is claimed before one is registered.</summary>
public static class PseudonymisationCodes
{
    /// <summary>Identifier.system of every pseudonymised identifier, so a reader sees the value is a pseudonym (MS anonymizer issue #79).</summary>
    public const string IdentifierSystem = "urn:dataspace:pseudonym:identifier";

    /// <summary>Extension on a generalised birth date: a Range of ages in years (UCUM <c>a</c>).</summary>
    public const string AgeBandExtension = "urn:dataspace:pseudonym:age-band";

    /// <summary>UCUM, for the age-band quantities.</summary>
    public const string Ucum = "http://unitsofmeasure.org";
}
