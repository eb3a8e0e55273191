namespace Dataspace.PolicyEngine.Odrl;

/// <summary>XML Schema datatype IRIs used by ODRL right operands.</summary>
public static class Xsd
{
    /// <summary>The XML Schema namespace.</summary>
    public const string Ns = "http://www.w3.org/2001/XMLSchema#";

    public const string String = Ns + "string";
    public const string Boolean = Ns + "boolean";
    public const string Integer = Ns + "integer";
    public const string Decimal = Ns + "decimal";
    public const string Double = Ns + "double";
    public const string Date = Ns + "date";
    public const string DateTime = Ns + "dateTime";
    public const string Duration = Ns + "duration";
    public const string AnyUri = Ns + "anyURI";
}
