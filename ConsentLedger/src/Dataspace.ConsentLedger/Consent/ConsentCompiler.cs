using System.Collections.Immutable;
using Hl7.Fhir.Model;

namespace Dataspace.ConsentLedger.Consent;

/// <summary>Turns a FHIR R4 Consent into a <see cref="CompiledConsent"/> once, so each decision only compares plain values.</summary>
public static class ConsentCompiler
{
    /// <summary>Compiles a valid Consent.</summary>
    /// <exception cref="InvalidConsentException">The <see cref="ConsentValidator"/> found errors.</exception>
    public static CompiledConsent Compile(Hl7.Fhir.Model.Consent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var issues = ConsentValidator.Validate(consent);
        if (issues.Any(i => i.Severity == ConsentIssueSeverity.Error))
        {
            throw new InvalidConsentException(issues);
        }

        // The validator has guaranteed every value the null-forgiving operators below rely on.
        // It also guarantees a root type or a policyRule; PCF puts the decision on the root type, R4 on the policyRule.
        var root = consent.Provision ?? new Hl7.Fhir.Model.Consent.provisionComponent();
        var rootEffect = ConsentCodes.ParseType(ConsentCodes.Literal(root.TypeElement)) ?? ConsentCodes.BaseEffect(consent.PolicyRule)!.Value;
        FhirInstant.TryParse(consent.DateTime, out var given);

        return new CompiledConsent
        {
            Id = consent.Id ?? string.Empty,
            Patient = FhirReference.Normalize(consent.Patient!.Reference!),
            Status = ConsentCodes.Literal(consent.StatusElement)!,
            IsPatientPrivacy = ConsentCodes.IsPatientPrivacy(consent.Scope),
            DateTime = consent.DateTime is null ? null : given.Start,
            PolicyUris = [.. consent.Policy.Select(p => p.Uri).OfType<string>()],
            Provision = CompileProvision(root, "Consent.provision", rootEffect),
        };
    }

    private static CompiledProvision CompileProvision(Hl7.Fhir.Model.Consent.provisionComponent provision, string path, ConsentEffect effect)
    {
        var children = ImmutableArray.CreateBuilder<CompiledProvision>(provision.Provision.Count);
        for (var i = 0; i < provision.Provision.Count; i++)
        {
            var child = provision.Provision[i];
            var childEffect = ConsentCodes.ParseType(ConsentCodes.Literal(child.TypeElement)) ?? ConsentCodes.Opposite(effect);
            children.Add(CompileProvision(child, $"{path}.provision[{i}]", childEffect));
        }

        return new CompiledProvision
        {
            Effect = effect,
            Path = path,
            Period = ReadPeriod(provision.Period),
            Actors = [.. provision.Actor.SelectMany(a => a.Role.Coding.Select(role => ConsentActor.Of(CodeKey.From(role), a.Reference!.Reference!)))],
            Actions = [.. provision.Action.SelectMany(a => a.Coding).Select(CodeKey.From)],
            Purposes = [.. provision.Purpose.Select(CodeKey.From)],
            Scope = new DataScope
            {
                Classes = [.. provision.Class.Select(CodeKey.From)],
                Codes = [.. provision.Code.SelectMany(c => c.Coding).Select(CodeKey.From)],
                DataPeriod = ReadPeriod(provision.DataPeriod),
                Data = [.. provision.Data.Select(d => new DataReference(ConsentCodes.ParseMeaning(ConsentCodes.Literal(d.MeaningElement))!.Value, FhirReference.Normalize(d.Reference!.Reference!)))],
                SecurityLabels = [.. provision.SecurityLabel.Select(CodeKey.From)],
            },
            Provisions = children.MoveToImmutable(),
        };
    }

    private static TimeRange? ReadPeriod(Period? period) =>
        period is not null && FhirInstant.TryParsePeriod(period, out var range) && !range.IsUnbounded ? range : null;
}
