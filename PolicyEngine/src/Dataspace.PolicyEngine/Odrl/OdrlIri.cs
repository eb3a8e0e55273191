namespace Dataspace.PolicyEngine.Odrl;

/// <summary>Full IRIs of the ODRL 2.2 vocabulary terms this engine reads.</summary>
public static class OdrlIri
{
    /// <summary>The ODRL 2.2 namespace.</summary>
    public const string Ns = "http://www.w3.org/ns/odrl/2/";

    public const string Policy = Ns + "Policy";
    public const string Set = Ns + "Set";
    public const string Offer = Ns + "Offer";
    public const string Agreement = Ns + "Agreement";
    public const string AssetCollection = Ns + "AssetCollection";
    public const string PartyCollection = Ns + "PartyCollection";

    public const string Permission = Ns + "permission";
    public const string Prohibition = Ns + "prohibition";
    public const string Obligation = Ns + "obligation";
    public const string Duty = Ns + "duty";
    public const string Remedy = Ns + "remedy";
    public const string Action = Ns + "action";
    public const string Target = Ns + "target";
    public const string Assigner = Ns + "assigner";
    public const string Assignee = Ns + "assignee";
    public const string Source = Ns + "source";
    public const string Profile = Ns + "profile";
    public const string Conflict = Ns + "conflict";
    public const string InheritFrom = Ns + "inheritFrom";
    public const string Constraint = Ns + "constraint";
    public const string Refinement = Ns + "refinement";
    public const string LeftOperand = Ns + "leftOperand";
    public const string Operator = Ns + "operator";
    public const string RightOperand = Ns + "rightOperand";
    public const string RightOperandReference = Ns + "rightOperandReference";
    public const string DataType = Ns + "dataType";

    // The official ODRL 2.2 JSON-LD context maps the term "dataType" to odrl:datatype (lower case).
    public const string DataTypeInContext = Ns + "datatype";
    public const string Unit = Ns + "unit";

    public const string And = Ns + "and";
    public const string Or = Ns + "or";
    public const string Xone = Ns + "xone";
    public const string AndSequence = Ns + "andSequence";

    public const string Perm = Ns + "perm";
    public const string Prohibit = Ns + "prohibit";
    public const string Invalid = Ns + "invalid";

    public const string Use = Ns + "use";
    public const string Transfer = Ns + "transfer";
    public const string Read = Ns + "read";
    public const string Distribute = Ns + "distribute";
    public const string Anonymize = Ns + "anonymize";
    public const string ObtainConsent = Ns + "obtainConsent";
    public const string Delete = Ns + "delete";

    public const string Purpose = Ns + "purpose";
    public const string Recipient = Ns + "recipient";
    public const string Spatial = Ns + "spatial";
    public const string DateTime = Ns + "dateTime";
    public const string ElapsedTime = Ns + "elapsedTime";
    public const string Count = Ns + "count";

    /// <summary>rdf:value, which carries the action IRI when an action has refinements.</summary>
    public const string RdfValue = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value";

    /// <summary>Shortens an ODRL IRI to "odrl:local" for paths and explanations.</summary>
    public static string Abbreviate(string iri) =>
        iri.StartsWith(Ns, StringComparison.Ordinal) ? string.Concat("odrl:", iri.AsSpan(Ns.Length)) : iri;
}
