using System.Collections.Concurrent;
using Hl7.Fhir.Model;

namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>The JSON name of a choice element for the type it holds (<c>value</c> + Quantity → <c>valueQuantity</c>), cached per pair.</summary>
internal static class ChoiceNames
{
    private static readonly ConcurrentDictionary<(string Name, Type Type), string> Cache = new();

    public static string Of(string name, DataType value) =>
        Cache.GetOrAdd((name, value.GetType()), static key =>
        {
            var typeName = ModelInfo.ModelInspector.FindOrImportClassMapping(key.Type)?.Name ?? key.Type.Name;
            return key.Name + char.ToUpperInvariant(typeName[0]) + typeName[1..];
        });
}
