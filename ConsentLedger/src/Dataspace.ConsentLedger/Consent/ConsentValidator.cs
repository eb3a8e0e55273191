using System.Collections.Immutable;
using Hl7.Fhir.Model;

namespace Dataspace.ConsentLedger.Consent;

/// <summary>Checks that a FHIR R4 Consent can be enforced and says precisely what is wrong when it cannot.</summary>
public static class ConsentValidator
{
    /// <summary>All issues in <paramref name="consent"/>; the Consent is enforceable when none has <see cref="ConsentIssueSeverity.Error"/>.</summary>
    public static ImmutableArray<ConsentIssue> Validate(Hl7.Fhir.Model.Consent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var issues = ImmutableArray.CreateBuilder<ConsentIssue>();

        if (string.IsNullOrEmpty(consent.Id))
        {
            issues.Add(Warning("required", "Consent.id", "The Consent has no id, so decisions cannot cite it."));
        }

        var status = ConsentCodes.Literal(consent.StatusElement);
        if (status is null)
        {
            issues.Add(Error("required", "Consent.status", "The Consent has no status."));
        }
        else if (!ConsentCodes.Statuses.Contains(status))
        {
            issues.Add(Error("code-invalid", "Consent.status", $"Status '{status}' is not in the consent-state-codes value set ({string.Join(", ", ConsentCodes.Statuses)})."));
        }

        if (consent.Scope is null)
        {
            issues.Add(Error("required", "Consent.scope", "The Consent has no scope."));
        }
        else if (!ConsentCodes.IsPatientPrivacy(consent.Scope))
        {
            issues.Add(Warning("business-rule", "Consent.scope", "Only patient-privacy Consents are enforced; this one will be stored but never applied to data access."));
        }

        var patient = consent.Patient?.Reference;
        if (string.IsNullOrWhiteSpace(patient))
        {
            issues.Add(Error("required", "Consent.patient", "The Consent names no patient."));
        }
        else if (!FhirReference.Normalize(patient).StartsWith("Patient/", StringComparison.Ordinal))
        {
            issues.Add(Error("value", "Consent.patient", "Consent.patient must reference a Patient resource."));
        }

        if (consent.DateTime is null)
        {
            issues.Add(Warning("required", "Consent.dateTime", "The Consent has no dateTime, so any dated Consent of the patient takes precedence over it."));
        }
        else if (!FhirInstant.TryParse(consent.DateTime, out _))
        {
            issues.Add(Error("value", "Consent.dateTime", $"'{consent.DateTime}' is not a FHIR dateTime."));
        }

        if (consent.Policy.Count == 0 && consent.PolicyRule is null)
        {
            issues.Add(Error("invariant", "Consent", "ppc-1: either a policy or a policyRule is required."));
        }

        var rootType = ConsentCodes.Literal(consent.Provision?.TypeElement);
        if (rootType is null && ConsentCodes.BaseEffect(consent.PolicyRule) is null)
        {
            issues.Add(Error(
                "business-rule",
                "Consent.provision.type",
                "There is no base decision: give the root provision a type (permit or deny) or a policyRule of OPTIN, OPTINR, OPTOUT or OPTOUTE (v3-ActCode)."));
        }

        if (consent.Provision is { } root)
        {
            var rootEffect = ConsentCodes.ParseType(rootType) ?? ConsentCodes.BaseEffect(consent.PolicyRule) ?? ConsentEffect.Deny;
            CheckProvision(root, "Consent.provision", parentEffect: null, rootEffect, issues);
        }

        return issues.ToImmutable();
    }

    private static void CheckProvision(Hl7.Fhir.Model.Consent.provisionComponent provision, string path, ConsentEffect? parentEffect, ConsentEffect effect, ImmutableArray<ConsentIssue>.Builder issues)
    {
        var type = ConsentCodes.Literal(provision.TypeElement);
        if (type is not null && ConsentCodes.ParseType(type) is null)
        {
            issues.Add(Error("code-invalid", path + ".type", $"Provision type '{type}' is neither permit nor deny."));
        }
        else if (parentEffect is not null && type is null)
        {
            issues.Add(Warning("required", path + ".type", $"R4 requires a type on nested provisions; it is read as the opposite of its parent ({Lower(effect)})."));
        }
        else if (parentEffect is { } same && same == effect)
        {
            issues.Add(Warning("business-rule", path + ".type", $"The nested provision has its parent's type ({Lower(effect)}), so it changes no decision."));
        }

        CheckPeriod(provision.Period, path + ".period", issues);
        CheckPeriod(provision.DataPeriod, path + ".dataPeriod", issues);

        for (var i = 0; i < provision.Actor.Count; i++)
        {
            var actor = provision.Actor[i];
            var at = $"{path}.actor[{i}]";
            if (actor.Role?.Coding.Any(c => !string.IsNullOrEmpty(c.Code)) != true)
            {
                issues.Add(Error("required", at + ".role", "The actor has no coded role."));
            }

            if (string.IsNullOrWhiteSpace(actor.Reference?.Reference))
            {
                issues.Add(Error("required", at + ".reference", "The actor has no literal reference, so no request can match it."));
            }
        }

        for (var i = 0; i < provision.Action.Count; i++)
        {
            CheckCodings(provision.Action[i].Coding, $"{path}.action[{i}]", CodeSystems.ConsentAction, "action", issues);
        }

        for (var i = 0; i < provision.Purpose.Count; i++)
        {
            CheckCodings([provision.Purpose[i]], $"{path}.purpose[{i}]", CodeSystems.ActReason, "purpose", issues);
        }

        for (var i = 0; i < provision.Class.Count; i++)
        {
            if (string.IsNullOrEmpty(provision.Class[i].Code))
            {
                issues.Add(Error("required", $"{path}.class[{i}]", "The class has no code."));
            }
        }

        for (var i = 0; i < provision.Code.Count; i++)
        {
            if (!provision.Code[i].Coding.Any(c => !string.IsNullOrEmpty(c.Code)))
            {
                issues.Add(Error("required", $"{path}.code[{i}]", "The code has no coding; text alone cannot be matched against data."));
            }
        }

        for (var i = 0; i < provision.SecurityLabel.Count; i++)
        {
            if (string.IsNullOrEmpty(provision.SecurityLabel[i].Code))
            {
                issues.Add(Error("required", $"{path}.securityLabel[{i}]", "The security label has no code."));
            }
        }

        for (var i = 0; i < provision.Data.Count; i++)
        {
            var data = provision.Data[i];
            var meaning = ConsentCodes.Literal(data.MeaningElement);
            if (ConsentCodes.ParseMeaning(meaning) is null)
            {
                issues.Add(Error(meaning is null ? "required" : "code-invalid", $"{path}.data[{i}].meaning", $"Data meaning '{meaning}' is not one of instance, related, dependents, authoredby."));
            }

            if (string.IsNullOrWhiteSpace(data.Reference?.Reference))
            {
                issues.Add(Error("required", $"{path}.data[{i}].reference", "The data entry has no literal reference."));
            }
        }

        for (var i = 0; i < provision.Provision.Count; i++)
        {
            var child = provision.Provision[i];
            var childEffect = ConsentCodes.ParseType(ConsentCodes.Literal(child.TypeElement)) ?? ConsentCodes.Opposite(effect);
            CheckProvision(child, $"{path}.provision[{i}]", effect, childEffect, issues);
        }
    }

    private static void CheckCodings(IEnumerable<Coding> codings, string path, string system, string what, ImmutableArray<ConsentIssue>.Builder issues)
    {
        var any = false;
        foreach (var coding in codings)
        {
            any = true;
            if (CodeSystems.Canonical(coding.System) != system)
            {
                issues.Add(Error("code-invalid", path, $"Unknown {what} code system '{coding.System}'; expected {system}."));
            }
            else if (string.IsNullOrEmpty(coding.Code))
            {
                issues.Add(Error("required", path, $"The {what} coding has no code."));
            }
        }

        if (!any)
        {
            issues.Add(Error("required", path, $"The {what} has no coding."));
        }
    }

    private static void CheckPeriod(Period? period, string path, ImmutableArray<ConsentIssue>.Builder issues)
    {
        if (period is null)
        {
            return;
        }

        if (!FhirInstant.TryParsePeriod(period, out var range))
        {
            issues.Add(Error("value", path, "The period has a bound that is not a FHIR dateTime."));
        }
        else if (range is { Start: { } start, End: { } end } && start > end)
        {
            issues.Add(Error("invariant", path, "per-1: the period starts after it ends."));
        }
    }

    private static string Lower(ConsentEffect effect) => effect == ConsentEffect.Permit ? "permit" : "deny";

    private static ConsentIssue Error(string type, string expression, string message) => new(ConsentIssueSeverity.Error, type, expression, message);

    private static ConsentIssue Warning(string type, string expression, string message) => new(ConsentIssueSeverity.Warning, type, expression, message);
}
