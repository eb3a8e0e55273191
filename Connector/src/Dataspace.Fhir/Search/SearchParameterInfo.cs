using Hl7.Fhir.Model;

namespace Dataspace.Fhir.Search;

/// <summary>One search parameter this server indexes for one resource type, with the element paths its values come from.</summary>
/// <param name="Name">The parameter's code, e.g. <c>code</c>.</param>
/// <param name="Type">token, date or reference.</param>
/// <param name="Paths">Element paths below the resource, split into names, e.g. <c>[effectiveDateTime]</c>.</param>
/// <param name="Definition">The canonical URL of the parameter's definition, for the CapabilityStatement.</param>
public sealed record SearchParameterInfo(string Name, SearchParamType Type, IReadOnlyList<string[]> Paths, string? Definition);
