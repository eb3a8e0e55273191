using Hl7.Fhir.Model;

namespace Dataspace.ConsentLedger.Consent;

/// <summary>A coding reduced to its system and code, compared ordinally; the system is empty when the coding had none.</summary>
public readonly record struct CodeKey(string System, string Code)
{
    /// <summary>The key of a FHIR coding, with known aliases of a code system mapped to one canonical URI.</summary>
    public static CodeKey From(Coding coding)
    {
        ArgumentNullException.ThrowIfNull(coding);
        return new CodeKey(CodeSystems.Canonical(coding.System), coding.Code ?? string.Empty);
    }

    /// <summary>The key of a resource type, as a <c>provision.class</c> in the FHIR resource-types system names it.</summary>
    public static CodeKey ForResourceType(string resourceType) => new(CodeSystems.ResourceTypes, resourceType);

    /// <summary><c>system|code</c>, as FHIR token search writes it.</summary>
    public override string ToString() => $"{System}|{Code}";
}
