using System.Collections;
using Hl7.Fhir.Model;

namespace Dataspace.Fhir.Search;

/// <summary>Extracts the indexed search values of a resource by walking the element paths of <see cref="SearchParameters"/> on the POCO.</summary>
public static class ResourceIndexer
{
    /// <summary>The index entries of <paramref name="resource"/>.</summary>
    public static ResourceIndex Index(Resource resource)
    {
        var tokens = new List<TokenEntry>();
        var dates = new List<DateEntry>();
        var references = new List<ReferenceEntry>();
        foreach (var parameter in SearchParameters.For(resource.TypeName).Values)
        {
            foreach (var path in parameter.Paths)
            {
                foreach (var value in Walk(resource, path, 0))
                {
                    switch (parameter.Type)
                    {
                        case SearchParamType.Token:
                            AddTokens(parameter.Name, value, tokens);
                            break;
                        case SearchParamType.Date:
                            AddDates(parameter.Name, value, dates);
                            break;
                        case SearchParamType.Reference when value is ResourceReference reference && FhirReference.TryParse(reference.Reference, out var type, out var id):
                            // The R4 patient parameter is "subject where it resolves to a Patient"; the literal type says so without resolving.
                            if (parameter.Name != SearchParameters.Patient || type == "Patient")
                                references.Add(new ReferenceEntry(parameter.Name, type, id));
                            break;
                    }
                }
            }
        }

        var patient = resource is Patient
            ? resource.Id
            : references.FirstOrDefault(r => r.Parameter == SearchParameters.Patient)?.TargetId
              ?? references.FirstOrDefault(r => r.TargetType == "Patient")?.TargetId;
        var sortDate = dates.FirstOrDefault(d => d.Parameter == SearchParameters.Date)?.Start ?? FhirDateRange.Min;
        return new ResourceIndex(tokens, dates, references, patient, sortDate);
    }

    private static IEnumerable<Base> Walk(Base node, string[] path, int depth)
    {
        if (depth == path.Length)
        {
            yield return node;
            yield break;
        }
        foreach (var child in Children(node, path[depth]))
        {
            foreach (var value in Walk(child, path, depth + 1))
                yield return value;
        }
    }

    private static IEnumerable<Base> Children(Base node, string name)
    {
        if (node.TryGetValue(name, out var value))
            return Flatten(value);
        // A choice element appears in definitions by its typed name (effectiveDateTime) and in the model by its base name (effective).
        foreach (var (key, candidate) in node.EnumerateElements())
        {
            if (name.Length > key.Length && name.StartsWith(key, StringComparison.Ordinal) && candidate is Base typed
                && string.Equals(typed.TypeName, name[key.Length..], StringComparison.OrdinalIgnoreCase))
                return [typed];
        }
        return [];
    }

    private static IEnumerable<Base> Flatten(object? value) => value switch
    {
        Base single => [single],
        IEnumerable many => many.OfType<Base>(),
        _ => [],
    };

    private static void AddTokens(string parameter, Base value, List<TokenEntry> tokens)
    {
        switch (value)
        {
            case CodeableConcept concept:
                foreach (var coding in concept.Coding)
                    AddTokens(parameter, coding, tokens);
                break;
            case Coding { Code: { Length: > 0 } code } coding:
                tokens.Add(new TokenEntry(parameter, coding.System ?? "", code));
                break;
            case Identifier { Value: { Length: > 0 } identifierValue } identifier:
                tokens.Add(new TokenEntry(parameter, identifier.System ?? "", identifierValue));
                break;
            case PrimitiveType { JsonValue: { } literal }:
                var text = literal is Enum e ? Hl7.Fhir.Utility.EnumUtility.GetLiteral(e) : Convert.ToString(literal, System.Globalization.CultureInfo.InvariantCulture);
                if (!string.IsNullOrEmpty(text))
                    tokens.Add(new TokenEntry(parameter, "", text));
                break;
        }
    }

    private static void AddDates(string parameter, Base value, List<DateEntry> dates)
    {
        switch (value)
        {
            case Period period:
                var start = FhirDateRange.TryParse(period.Start, out var s) ? s.Start : FhirDateRange.Min;
                var end = FhirDateRange.TryParse(period.End, out var e) ? e.End : FhirDateRange.Max;
                if (period.Start is not null || period.End is not null)
                    dates.Add(new DateEntry(parameter, start, end));
                break;
            case Timing timing:
                foreach (var instant in timing.EventElement)
                    AddDates(parameter, instant, dates);
                break;
            case Instant { Value: { } instant }:
                dates.Add(new DateEntry(parameter, instant.UtcTicks, instant.UtcTicks));
                break;
            case FhirDateTime { Value: var text } when FhirDateRange.TryParse(text, out var range):
                dates.Add(new DateEntry(parameter, range.Start, range.End));
                break;
            case Date { Value: var text } when FhirDateRange.TryParse(text, out var range):
                dates.Add(new DateEntry(parameter, range.Start, range.End));
                break;
        }
    }
}
