using System.Text;
using System.Text.Json;
using Dataspace.ConsentLedger.Consent;
using Dataspace.ConsentLedger.Ledger;
using Hl7.Fhir.Model;

namespace Dataspace.ConsentLedger.Tests.Ledger;

public sealed class PatientPseudonymTests
{
    private static readonly byte[] LedgerKey = SHA256Of("ledger key for tests");

    [Fact]
    public void Same_patient_same_key_same_pseudonym_in_any_reference_form()
    {
        var relative = PatientPseudonym.Derive(LedgerKey, "Patient/f001");

        Assert.Equal(relative, PatientPseudonym.Derive(LedgerKey, "https://hrs.example/fhir/Patient/f001/_history/4"));
        Assert.NotEqual(relative, PatientPseudonym.Derive(LedgerKey, "Patient/f002"));
        Assert.NotEqual(relative, PatientPseudonym.Derive(SHA256Of("another ledger"), "Patient/f001"));
        Assert.Matches("^[A-Za-z0-9_-]{43}$", relative.Value);
    }

    [Fact]
    public void A_short_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PatientPseudonym.Derive(new byte[16], "Patient/f001"));
    }

    /// <summary>Every Synthea patient's id, identifiers and names stay out of every kind of entry written about them.</summary>
    [Fact]
    public void No_patient_id_or_name_from_synthea_appears_in_any_entry()
    {
        var bundles = Directory.GetFiles(SharedTestData.PathOf("fhir-r4/synthea"), "*.json")
            .Where(f => !Path.GetFileName(f).StartsWith("hospital", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith("practitioner", StringComparison.Ordinal))
            .ToList();
        Assert.True(bundles.Count >= 20, $"expected the Synthea patient bundles, found {bundles.Count}");

        var at = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        foreach (var file in bundles)
        {
            using var bundle = JsonDocument.Parse(File.ReadAllBytes(file));
            var patient = bundle.RootElement.GetProperty("entry").EnumerateArray()
                .Select(e => e.GetProperty("resource"))
                .Single(r => r.GetProperty("resourceType").GetString() == "Patient");
            var id = patient.GetProperty("id").GetString()!;
            var phi = Phi(patient).ToList();

            var reference = "Patient/" + id;
            var pseudonym = PatientPseudonym.Derive(LedgerKey, reference);
            var consent = new Hl7.Fhir.Model.Consent
            {
                Id = "consent-" + pseudonym.Value[..8],
                Status = Hl7.Fhir.Model.Consent.ConsentState.Active,
                Patient = new ResourceReference(reference, phi[^1]),
                PolicyRule = new CodeableConcept(CodeSystems.ActCode, "OPTIN"),
            };
            var hash = ConsentHash.Compute(consent);
            LedgerEntry[] entries =
            [
                new ConsentRecorded(at, consent.Id, hash, pseudonym),
                new ConsentUpdated(at, consent.Id, hash, pseudonym),
                new ConsentRevoked(at, consent.Id, hash, pseudonym),
                new DataAccess(at, "agr-1", "did:web:research.example", PurposeOfUse.Research, 86, 1, [consent.Id], ConsentOutcome.Permit, BreakGlass: false)
                {
                    Patients = [new(pseudonym, ConsentOutcome.Permit, 86)],
                },
                new AgreementConcluded(at, "agr-1", "did:web:hrs.example", "did:web:research.example", "trends", hash),
                new PolicyChanged(at, "research-policy", hash),
            ];

            foreach (var entry in entries)
            {
                var text = Encoding.UTF8.GetString(entry.ToCanonicalJson());
                foreach (var value in phi)
                {
                    Assert.False(text.Contains(value, StringComparison.OrdinalIgnoreCase), $"{entry.Kind} entry for {Path.GetFileName(file)} contains '{value}'");
                }
            }
        }
    }

    private static IEnumerable<string> Phi(JsonElement patient)
    {
        yield return patient.GetProperty("id").GetString()!;
        foreach (var identifier in patient.GetProperty("identifier").EnumerateArray())
        {
            yield return identifier.GetProperty("value").GetString()!;
        }

        foreach (var name in patient.GetProperty("name").EnumerateArray())
        {
            yield return name.GetProperty("family").GetString()!;
            foreach (var given in name.GetProperty("given").EnumerateArray())
            {
                yield return given.GetString()!;
            }
        }
    }

    private static byte[] SHA256Of(string text) => System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
