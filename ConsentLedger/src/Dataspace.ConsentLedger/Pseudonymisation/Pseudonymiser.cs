using System.Collections;
using System.Collections.Frozen;
using Dataspace.ConsentLedger.Consent;
using Hl7.Fhir.Model;

namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>
/// Applies one profile under one agreement's key to FHIR R4 POCOs, building a new resource and never touching the input.
/// Default-deny: only allowlisted elements are copied. Inside an allowlisted element, text-bearing parts (strings, markdown,
/// Narrative, Annotation, Attachment, Extension, HumanName, Address, ContactPoint; but not Quantity.unit or SampledData.data)
/// are dropped unless their own path is listed, and contained resources always go. Whatever the allowlist says, the id and
/// every reference get keyed pseudonyms, identifiers are pseudonymised or dropped, every date moves by the patient's shift,
/// and meta becomes the profile's security labels. Thread-safe and deterministic.
/// </summary>
public sealed class Pseudonymiser
{
    private static readonly FrozenDictionary<string, string> NoBundle = FrozenDictionary<string, string>.Empty;

    private readonly PseudonymisationKey key;
    private readonly DateOnly asOf;
    private readonly FrozenDictionary<string, Plan> plans;

    /// <summary>Compiles <paramref name="profile"/> for <paramref name="key"/>.</summary>
    /// <param name="profile">The validated profile.</param>
    /// <param name="key">The agreement's key: one key per agreement keeps datasets unlinkable.</param>
    /// <param name="asOf">The date ages are computed at for age bands (the agreement's date, say), so output does not depend on the clock.</param>
    public Pseudonymiser(PseudonymisationProfile profile, PseudonymisationKey key, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(key);
        Profile = profile;
        this.key = key;
        this.asOf = asOf;
        plans = profile.Resources.ToFrozenDictionary(
            r => r.Key,
            r => new Plan(AllowNode.Compile(r.Value), r.Value.Patient?[(r.Key.Length + 1)..]),
            StringComparer.Ordinal);
    }

    /// <summary>The profile applied.</summary>
    public PseudonymisationProfile Profile { get; }

    /// <summary>The pseudonymised copy of <paramref name="resource"/>, or null when the profile does not allow its type.</summary>
    public Resource? Apply(Resource resource) => Apply(resource, NoBundle);

    /// <summary>
    /// As <see cref="Apply(Resource)"/>, resolving references that are fullUrls of the same Bundle (<c>urn:uuid:…</c>) through
    /// <paramref name="bundleReferences"/> (see <see cref="BundleReferences.Of"/>); a reference that resolves to no <c>Type/id</c> is dropped.
    /// </summary>
    public Resource? Apply(Resource resource, IReadOnlyDictionary<string, string> bundleReferences)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(bundleReferences);
        if (!plans.TryGetValue(resource.TypeName, out var plan))
        {
            return null;
        }

        var context = new Context(bundleReferences, key.ShiftDays(PatientOf(resource, plan, bundleReferences), Profile.DateShiftMaxDays));
        var target = (Resource)(CopyElements(resource, plan.Root, wholesale: false, verbatim: false, context) ?? New(resource));
        if (resource.Id is { Length: > 0 } id)
        {
            target.Id = key.Pseudonym(resource.TypeName + "/" + id);
        }

        target.Meta = new Meta { Security = [.. Profile.SecurityLabels.Select(l => new Coding(l.System, l.Code))] };
        return target;
    }

    // The shift is keyed on the patient, not the resource, so all of one patient's dates move together (MIMIC-style).
    private static string PatientOf(Resource resource, Plan plan, IReadOnlyDictionary<string, string> bundle)
    {
        var own = resource.TypeName + "/" + resource.Id;
        if (resource is Patient)
        {
            return own;
        }

        if (plan.PatientElement is { } element
            && resource.TryGetValue(element, out var value)
            && value is ResourceReference { Reference: { } reference }
            && Local(reference, bundle) is { } local
            && local.StartsWith("Patient/", StringComparison.Ordinal))
        {
            return local;
        }

        return own;
    }

    private static string Local(string reference, IReadOnlyDictionary<string, string> bundle)
    {
        var trimmed = reference.Trim();
        return bundle.TryGetValue(trimmed, out var local) ? local : FhirReference.Normalize(trimmed);
    }

    private Base? CopyElements(Base source, AllowNode? node, bool wholesale, bool verbatim, in Context context)
    {
        Base? target = null;
        foreach (var (name, value) in source.EnumerateElements())
        {
            // The resource id is set from its pseudonym; an element id is a local label nobody needs downstream.
            if (name == "id")
            {
                continue;
            }

            var child = node?.Find(name, value);
            if (!wholesale && child is null)
            {
                continue;
            }

            var listed = child?.Listed == true;
            if (name is "extension" or "modifierExtension" && !listed && !verbatim)
            {
                continue;
            }

            var copy = value is IList list
                ? CopyList(list, source, name, child, wholesale || listed, verbatim, listed, context)
                : CopyValue(value, source, name, child, wholesale || listed, verbatim, listed, context);
            if (copy is not null)
            {
                target ??= New(source);
                target.SetValue(name, copy);
            }
        }

        return target;
    }

    private IList? CopyList(IList list, Base parent, string name, AllowNode? node, bool wholesale, bool verbatim, bool listed, in Context context)
    {
        IList? result = null;
        foreach (var item in list)
        {
            if (CopyValue(item, parent, name, node, wholesale, verbatim, listed, context) is { } copy)
            {
                result ??= (IList)Activator.CreateInstance(list.GetType())!;
                result.Add(copy);
            }
        }

        return result;
    }

    private object? CopyValue(object value, Base parent, string name, AllowNode? node, bool wholesale, bool verbatim, bool listed, in Context context)
    {
        if (node?.Generalisation is { } generalisation)
        {
            return Generalise(value, generalisation);
        }

        var keepText = verbatim || listed;
        return value switch
        {
            ResourceReference reference => Reference(reference, context),
            Identifier identifier => Identifier(identifier),
            Resource => null,
            Date date => Shift(date.Value, context.ShiftDays) is { } shifted ? new Date(shifted) : null,
            FhirDateTime dateTime => Shift(dateTime.Value, context.ShiftDays) is { } shifted ? new FhirDateTime(shifted) : null,
            Instant instant => Shift(instant.JsonValue as string, context.ShiftDays) is { } shifted ? new Instant { JsonValue = shifted } : null,
            FhirString or Markdown when !keepText && !IsStructuredString(parent, name) => null,
            Narrative or Annotation or Attachment or Extension or HumanName or Address or ContactPoint =>
                keepText ? CopyElements((Base)value, node, wholesale: true, verbatim: true, context) : null,
            PrimitiveType primitive => CopyPrimitive(primitive),
            Base complex => CopyElements(complex, node, wholesale, verbatim, context),
            string text => keepText ? text : null,
            _ => null,
        };
    }

    // Unit symbols and sampled-data series are strings in FHIR but carry no free text, and trend data needs them.
    private static bool IsStructuredString(Base parent, string name) =>
        (parent is Quantity && name == "unit") || (parent is SampledData && name == "data");

    private static string? Shift(string? value, int days) => value is null ? null : DateShift.Shift(value, days);

    private static PrimitiveType? CopyPrimitive(PrimitiveType primitive)
    {
        if (primitive.JsonValue is null)
        {
            return null;
        }

        var copy = (PrimitiveType)primitive.DeepCopy();
        copy.Extension.Clear();
        copy.ElementId = null;
        return copy;
    }

    private ResourceReference? Reference(ResourceReference source, in Context context)
    {
        var literal = source.Reference is { } reference ? PseudonymousReference(reference, context.Bundle) : null;
        var identifier = source.Identifier is { } id ? Identifier(id) : null;
        if (literal is null && identifier is null)
        {
            return null;
        }

        return new ResourceReference { Reference = literal, Identifier = identifier, Type = source.Type };
    }

    private string? PseudonymousReference(string reference, IReadOnlyDictionary<string, string> bundle)
    {
        var local = Local(reference, bundle);
        var slash = local.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == local.Length - 1 || local.IndexOf('/', slash + 1) >= 0)
        {
            return null; // contained (#x), unresolved urn: or bare ids cannot be pseudonymised consistently
        }

        var type = local[..slash];
        return ModelInfo.IsKnownResource(type) ? type + "/" + key.Pseudonym(local) : null;
    }

    private Identifier? Identifier(Identifier source) =>
        Profile.Identifiers == IdentifierHandling.Pseudonymise && source.Value is { } value
            ? new Identifier(PseudonymisationCodes.IdentifierSystem, key.IdentifierPseudonym(source.System, value))
            : null;

    private DataType? Generalise(object value, Generalisation rule) => (rule.Method, value) switch
    {
        (GeneralisationMethod.Year, Date { Value: { } date }) => Year(date) is { } year ? new Date(year) : null,
        (GeneralisationMethod.Year, FhirDateTime { Value: { } date }) => Year(date) is { } year ? new FhirDateTime(year) : null,
        (GeneralisationMethod.AgeBand, Date { Value: { } date }) => AgeBandOf(date, rule) is { } band ? new Date { Extension = [band] } : null,
        (GeneralisationMethod.AgeBand, FhirDateTime { Value: { } date }) => AgeBandOf(date, rule) is { } band ? new FhirDateTime { Extension = [band] } : null,
        (GeneralisationMethod.Region, Address address) when address.State is not null || address.Country is not null =>
            new Address { State = address.State, Country = address.Country },
        _ => null,
    };

    private static string? Year(string date) => DateShift.TryReadDate(date, out _, out _, out _) ? date[..4] : null;

    private Extension? AgeBandOf(string birthDate, Generalisation rule) =>
        AgeBand.Of(birthDate, asOf, rule.Years ?? 1) is { } range ? new Extension(PseudonymisationCodes.AgeBandExtension, range) : null;

    private static Base New(Base source) =>
        ModelInfo.ModelInspector.FindOrImportClassMapping(source.GetType())!.CreateInstance();

    private readonly record struct Plan(AllowNode Root, string? PatientElement);

    private readonly record struct Context(IReadOnlyDictionary<string, string> Bundle, int ShiftDays);
}
