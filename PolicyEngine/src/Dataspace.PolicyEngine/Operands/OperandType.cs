namespace Dataspace.PolicyEngine.Operands;

/// <summary>The value type a left operand yields; it decides how right operands are read and which operators apply.</summary>
public enum OperandType
{
    /// <summary>An IRI or code, optionally placed in a <see cref="ConceptScheme"/> hierarchy.</summary>
    Concept,

    /// <summary>Free text compared by exact ordinal equality.</summary>
    String,

    /// <summary>An integer or decimal number.</summary>
    Number,

    /// <summary>An instant (xsd:dateTime, or xsd:date at midnight UTC).</summary>
    DateTime,

    /// <summary>A time span measured from a start instant, compared with xsd:duration values.</summary>
    Duration,

    /// <summary>xsd:boolean.</summary>
    Boolean,
}
