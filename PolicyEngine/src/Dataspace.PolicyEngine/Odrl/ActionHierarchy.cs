using System.Collections.Frozen;

namespace Dataspace.PolicyEngine.Odrl;

/// <summary>The odrl:includedIn relation of the ODRL 2.2 vocabulary: a permission to use covers read, and so on.</summary>
public static class ActionHierarchy
{
    private static readonly FrozenDictionary<string, string> Parents = BuildParents();

    /// <summary>True when <paramref name="requested"/> is <paramref name="granted"/> or transitively included in it.</summary>
    public static bool IsIncludedIn(string requested, string granted)
    {
        var current = requested;
        for (var depth = 0; depth < 8; depth++)
        {
            if (string.Equals(current, granted, StringComparison.Ordinal))
            {
                return true;
            }

            if (!Parents.TryGetValue(current, out var parent))
            {
                return false;
            }

            current = parent;
        }

        return false;
    }

    private static FrozenDictionary<string, string> BuildParents()
    {
        string[] underUse =
        [
            "grantUse", "compensate", "acceptTracking", "aggregate", "annotate", "anonymize", "archive", "attribute",
            "concurrentUse", "delete", "derive", "digitize", "distribute", "ensureExclusivity", "execute", "include",
            "index", "inform", "install", "modify", "move", "nextPolicy", "obtainConsent", "play", "present", "print",
            "read", "reproduce", "reviewPolicy", "stream", "synchronize", "textToSpeech", "transform", "translate",
            "uninstall", "watermark",
        ];
        var parents = underUse.ToDictionary(a => OdrlIri.Ns + a, _ => OdrlIri.Use, StringComparer.Ordinal);
        parents[OdrlIri.Ns + "display"] = OdrlIri.Ns + "play";
        parents[OdrlIri.Ns + "extract"] = OdrlIri.Ns + "reproduce";
        parents[OdrlIri.Ns + "give"] = OdrlIri.Transfer;
        parents[OdrlIri.Ns + "sell"] = OdrlIri.Transfer;

        // Deprecated ODRL 2.1 actions that the 2.2 vocabulary declares skos:exactMatch of a current action.
        foreach (var deprecated in new[] { "append", "appendTo", "write", "writeTo" })
        {
            parents[OdrlIri.Ns + deprecated] = OdrlIri.Ns + "modify";
        }

        parents[OdrlIri.Ns + "copy"] = OdrlIri.Ns + "reproduce";
        parents[OdrlIri.Ns + "export"] = OdrlIri.Ns + "transform";
        parents[OdrlIri.Ns + "license"] = OdrlIri.Ns + "grantUse";
        parents[OdrlIri.Ns + "pay"] = OdrlIri.Ns + "compensate";
        return parents.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
