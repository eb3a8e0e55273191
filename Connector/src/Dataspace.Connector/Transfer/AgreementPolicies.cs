using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Catalog;
using Dataspace.Connector.Negotiation;
using Dataspace.PolicyEngine.Evaluation;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The compiled ODRL policy of each concluded agreement, compiled once: an agreement never changes after FINALIZED, so
/// its id is a safe cache key and the data plane does no JSON-LD work per request.
/// </summary>
public sealed class AgreementPolicies
{
    // The stored agreement is DSP-compact ODRL (bare terms, odrl: prefixed operands), which the ODRL context reads as a
    // top-level Agreement; the DSP context defines it only inside a negotiation message.
    private const string OdrlContext = "http://www.w3.org/ns/odrl.jsonld";

    private readonly ConcurrentDictionary<string, CompiledPolicy?> _compiled = new(StringComparer.Ordinal);

    /// <summary>The compiled policy of <paramref name="agreement"/>, or null when its rules cannot be read.</summary>
    public CompiledPolicy? Get(ContractAgreementRecord agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return _compiled.GetOrAdd(agreement.Id, _ =>
        {
            var withContext = (JsonObject)agreement.Agreement.DeepClone();
            withContext["@context"] = OdrlContext;
            using var document = JsonDocument.Parse(withContext.ToJsonString());
            return PolicyLibrary.Prepare(document.RootElement).Policy?.Compiled;
        });
    }
}
