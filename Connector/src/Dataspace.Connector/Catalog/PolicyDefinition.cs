using System.Text.Json;

namespace Dataspace.Connector.Catalog;

/// <summary>An ODRL policy stored as the JSON-LD its author submitted, under a stable id.</summary>
/// <param name="Id">Referenced by contract definitions as access or contract policy.</param>
/// <param name="Policy">The ODRL policy in any JSON-LD form with a bundled context (DSP 2025-1, ODRL 2.2).</param>
public sealed record PolicyDefinition(string Id, JsonElement Policy);
