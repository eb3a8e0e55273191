using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Dataspace.ConsentLedger.Consent;

/// <summary>
/// The consent decision of the connector's enforcement point, after IHE PCF and reference/health.md §1.3.
/// <list type="number">
/// <item>Consents in force: same patient, status active, scope patient-privacy, root period holding the time of access.
/// None → the implicit policy.</item>
/// <item>Among those whose root provision applies to the request (actor, action, purpose, period), the newest
/// <c>dateTime</c> wins; at equal dates a deny root wins (deny-safe). A Consent therefore governs the requests its root
/// addresses, and a newer Consent replaces an older one only where both speak.</item>
/// <item>When none applies, the newest Consent in force answers with the opposite of its root: a root permit for
/// Organization A denies everyone else, a root deny for A permits everyone else (PCF opt-in and opt-out).</item>
/// <item>Within the winning Consent the root effect holds inside its data scope and the opposite outside; nested
/// provisions that apply are exceptions inside their parent's scope. The deepest provision holding a piece of data
/// decides it, permit winning among siblings (PCF: a permit residual overrides a forbid).</item>
/// <item>Break-glass: a request flagged <see cref="AccessRequest.BreakGlass"/> with an emergency-treatment purpose is
/// permitted whatever the Consent says, and the decision is marked so the caller logs it.</item>
/// </list>
/// </summary>
public static class ConsentDecider
{
    /// <summary>Decides <paramref name="request"/> against the patient's compiled Consents.</summary>
    public static ConsentDecision Decide(IReadOnlyList<CompiledConsent> consents, AccessRequest request, ImplicitConsentPolicy implicitPolicy)
    {
        ArgumentNullException.ThrowIfNull(consents);
        ArgumentNullException.ThrowIfNull(request);

        var patient = FhirReference.Normalize(request.Patient);
        CompiledConsent? newestInForce = null;
        CompiledConsent? newestApplying = null;
        for (var i = 0; i < consents.Count; i++)
        {
            var consent = consents[i];
            if (consent.Patient != patient || !consent.IsInForce(request.At))
            {
                continue;
            }

            if (Supersedes(consent, newestInForce))
            {
                newestInForce = consent;
            }

            if (consent.Provision.AppliesTo(request) && Supersedes(consent, newestApplying))
            {
                newestApplying = consent;
            }
        }

        var decision = (newestApplying, newestInForce) switch
        {
            ({ } applying, _) => Evaluate(applying, request),
            (null, { } newest) => Uniform(
                ConsentCodes.Opposite(newest.Provision.Effect),
                newest,
                $"Consent {Name(newest)} is the newest in force, but its root provision ({Describe(newest.Provision)}) does not address this request, so its opposite holds."),
            _ => Implicit(implicitPolicy, request),
        };

        return ApplyBreakGlass(decision, request);
    }

    private static bool Supersedes(CompiledConsent candidate, CompiledConsent? current)
    {
        if (current is null)
        {
            return true;
        }

        var byDate = Nullable.Compare(candidate.DateTime, current.DateTime);
        if (byDate != 0)
        {
            return byDate > 0;
        }

        if (candidate.Provision.Effect != current.Provision.Effect)
        {
            return candidate.Provision.Effect == ConsentEffect.Deny;
        }

        // The order Consents arrive in must not change a decision.
        return string.CompareOrdinal(candidate.Id, current.Id) < 0;
    }

    private static ConsentDecision Evaluate(CompiledConsent consent, AccessRequest request)
    {
        var rules = new List<ResidualRule>();
        Collect(consent.Provision, depth: 0, [], request, rules);
        var otherwise = ConsentCodes.Opposite(consent.Provision.Effect);

        if (UniformEffect(rules, otherwise, request) is { } effect)
        {
            var deciding = rules.Count == 0
                ? $"the request asks for no data inside the root provision's scope ({Describe(consent.Provision)}), so its opposite holds"
                : "applied provisions: " + string.Join("; ", rules.Select(r => $"{r.Path} → {Lower(r.Effect)}"));
            return Uniform(effect, consent, $"Consent {Name(consent)} decides: {deciding}.");
        }

        var filters = ResidualFilterBuilder.Build(rules, otherwise, request);
        var explanation = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Consent {Name(consent)} permits part of the request. Residual rules (deepest wins, permit wins ties; other data → {Lower(otherwise)}): ")
            .AppendJoin("; ", rules.Select(r => $"{r.Path} → {Lower(r.Effect)}"))
            .Append('.')
            .ToString();
        return new ConsentDecision
        {
            Outcome = ConsentOutcome.PermitWithFilters,
            Filters = filters,
            ConsentIds = [consent.Id],
            PolicyUris = consent.PolicyUris,
            Explanation = explanation,
        };
    }

    private static void Collect(CompiledProvision provision, int depth, ImmutableArray<DataScope> inherited, AccessRequest request, List<ResidualRule> rules)
    {
        var scopes = provision.Scope.IsAll ? inherited : inherited.Add(provision.Scope);
        foreach (var scope in scopes)
        {
            if (scope.IsDisjointFrom(request))
            {
                return;
            }
        }

        rules.Add(new ResidualRule(provision.Effect, depth, provision.Path, scopes));
        foreach (var child in provision.Provisions)
        {
            if (child.AppliesTo(request))
            {
                Collect(child, depth + 1, scopes, request, rules);
            }
        }
    }

    /// <summary>The single effect every requested piece of data gets, or null when it differs from one piece to another.</summary>
    private static ConsentEffect? UniformEffect(List<ResidualRule> rules, ConsentEffect otherwise, AccessRequest request)
    {
        if (rules.TrueForAll(r => r.Effect == otherwise))
        {
            return otherwise;
        }

        if (ResidualRule.DeepestCovering(rules, request) is not { } cover)
        {
            return null;
        }

        // Every requested datum lies in the covering rule; only deeper rules, or a permitting sibling, could change its effect.
        foreach (var rule in rules)
        {
            if (rule.Depth >= cover.Depth && rule.Effect != cover.Effect && !(rule.Depth == cover.Depth && cover.Effect == ConsentEffect.Permit))
            {
                return null;
            }
        }

        return cover.Effect;
    }

    private static ConsentDecision Uniform(ConsentEffect effect, CompiledConsent consent, string explanation) => new()
    {
        Outcome = effect == ConsentEffect.Permit ? ConsentOutcome.Permit : ConsentOutcome.Deny,
        Filters = effect == ConsentEffect.Permit ? ConsentFilters.None : ConsentFilters.Nothing,
        ConsentIds = [consent.Id],
        PolicyUris = consent.PolicyUris,
        Explanation = explanation,
    };

    private static ConsentDecision Implicit(ImplicitConsentPolicy policy, AccessRequest request)
    {
        var permit = policy switch
        {
            ImplicitConsentPolicy.AllAuthorised => true,
            ImplicitConsentPolicy.TreatmentOnly => PurposeOfUse.IsA(request.Purpose, PurposeOfUse.Treatment),
            _ => false,
        };
        return new ConsentDecision
        {
            Outcome = permit ? ConsentOutcome.Permit : ConsentOutcome.Deny,
            Filters = permit ? ConsentFilters.None : ConsentFilters.Nothing,
            ImplicitPolicy = policy,
            Explanation = $"No Consent of the patient is in force; the implicit policy {policy} {(permit ? "permits" : "denies")} purpose {request.Purpose}.",
        };
    }

    private static ConsentDecision ApplyBreakGlass(ConsentDecision decision, AccessRequest request)
    {
        if (!request.BreakGlass)
        {
            return decision;
        }

        if (!PurposeOfUse.IsEmergency(request.Purpose))
        {
            return decision with { Explanation = $"{decision.Explanation} Break-glass was requested for purpose {request.Purpose}, which is not emergency treatment, so it was ignored." };
        }

        if (decision.Outcome == ConsentOutcome.Permit)
        {
            return decision with { Explanation = decision.Explanation + " Break-glass was requested but not needed." };
        }

        return decision with
        {
            Outcome = ConsentOutcome.Permit,
            Filters = ConsentFilters.None,
            BrokeGlass = true,
            Explanation = $"{decision.Explanation} BREAK-GLASS: emergency treatment ({request.Purpose}) overrides the {(decision.Outcome == ConsentOutcome.Deny ? "deny" : "filters")}; this access must be logged as break-glass.",
        };
    }

    private static string Name(CompiledConsent consent) =>
        consent.DateTime is { } date ? $"{consent.Id} ({date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})" : consent.Id;

    private static string Describe(CompiledProvision provision)
    {
        var parts = new List<string> { Lower(provision.Effect) };
        if (provision.Period is { } period)
        {
            parts.Add($"period {period}");
        }

        if (!provision.Actors.IsEmpty)
        {
            parts.Add("actor " + string.Join(", ", provision.Actors.Select(a => $"{a.Role.Code} {Mask(a.Reference)}")));
        }

        if (!provision.Actions.IsEmpty)
        {
            parts.Add("action " + string.Join(", ", provision.Actions.Select(a => a.Code)));
        }

        if (!provision.Purposes.IsEmpty)
        {
            parts.Add("purpose " + string.Join(", ", provision.Purposes.Select(p => p.Code)));
        }

        return string.Join("; ", parts);
    }

    // Explanations end up in logs; a patient or relative named as an actor keeps only the resource type there.
    private static string Mask(string reference) =>
        reference.StartsWith("Patient/", StringComparison.Ordinal) || reference.StartsWith("RelatedPerson/", StringComparison.Ordinal)
            ? reference[..(reference.IndexOf('/', StringComparison.Ordinal) + 1)] + "…"
            : reference;

    private static string Lower(ConsentEffect effect) => effect == ConsentEffect.Permit ? "permit" : "deny";
}
