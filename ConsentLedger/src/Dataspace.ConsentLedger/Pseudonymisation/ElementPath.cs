using System.Collections.Immutable;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;

namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>
/// A profile path such as <c>Observation.component.valueQuantity</c> resolved against Firely's R4 class mappings,
/// one step per element; a typed choice name (<c>valueQuantity</c>) narrows the step to that type.
/// </summary>
internal sealed record ElementPath(string Text, ImmutableArray<ElementPath.Step> Steps)
{
    /// <summary>The FHIR types the last element can hold (one for a typed choice name).</summary>
    public IReadOnlyList<Type> LeafTypes => Steps[^1].Types;

    /// <summary>Resolves <paramref name="path"/> within <paramref name="resourceType"/>, or says in <paramref name="error"/> why it cannot.</summary>
    public static bool TryResolve(string resourceType, string path, out ElementPath? resolved, out string error)
    {
        resolved = null;
        var segments = path.Split('.');
        if (segments[0] != resourceType || segments.Length < 2)
        {
            error = $"'{path}' must name an element of {resourceType}, as '{resourceType}.<element>'.";
            return false;
        }

        var inspector = ModelInfo.ModelInspector;
        var mapping = inspector.FindClassMapping(resourceType);
        var steps = ImmutableArray.CreateBuilder<Step>(segments.Length - 1);
        for (var i = 1; i < segments.Length; i++)
        {
            var written = segments[i];
            var parentPath = string.Join('.', segments[..i]);
            if (mapping is null)
            {
                error = $"'{parentPath}' is a choice of types; name one to go deeper, e.g. '{parentPath}Quantity'.";
                return false;
            }

            var segment = written.EndsWith("[x]", StringComparison.Ordinal) ? written[..^3] : written;
            var property = mapping.FindMappedElementByName(segment);
            if (property is not null && written != segment && property.Choice == ChoiceType.None)
            {
                error = $"'{parentPath}.{segment}' is not a choice element, so '[x]' does not apply.";
                return false;
            }

            if (property is not null)
            {
                steps.Add(new Step(property.Name, property.Name, [.. property.FhirType], property.IsCollection));
                mapping = property.Choice == ChoiceType.None ? inspector.FindOrImportClassMapping(property.ImplementingType) : null;
                continue;
            }

            property = mapping.FindMappedElementByChoiceName(segment);
            property = property?.Choice == ChoiceType.DatatypeChoice ? property : null;
            var typeName = property is null ? null : segment[property.Name.Length..];
            var choice = property?.FhirType
                .Select(inspector.FindOrImportClassMapping)
                .FirstOrDefault(m => m is not null && string.Equals(m.Name, typeName, StringComparison.OrdinalIgnoreCase));
            if (property is null || choice is null || char.IsLower(typeName![0]))
            {
                error = $"{mapping.Name} has no element '{segment}' (in '{path}').";
                return false;
            }

            steps.Add(new Step(property.Name, segment, [choice.NativeType], IsCollection: false));
            mapping = choice;
        }

        resolved = new ElementPath(path, steps.MoveToImmutable());
        error = string.Empty;
        return true;
    }

    /// <summary>One element on the path: its FHIR name, the key it is matched by (the typed name for a typed choice), its possible types and whether it repeats.</summary>
    public sealed record Step(string Name, string Key, IReadOnlyList<Type> Types, bool IsCollection);
}
