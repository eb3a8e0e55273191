namespace Dataspace.ConsentLedger.Consent;

/// <summary>The FHIR consentaction codes a provision may restrict.</summary>
public static class ConsentAction
{
    /// <summary>Gather retrieved information for storage.</summary>
    public const string Collect = "collect";

    /// <summary>Retrieve the information for viewing.</summary>
    public const string Access = "access";

    /// <summary>Use the information for the purpose.</summary>
    public const string Use = "use";

    /// <summary>Release the information to a recipient.</summary>
    public const string Disclose = "disclose";

    /// <summary>Allow the information to be amended.</summary>
    public const string Correct = "correct";
}
