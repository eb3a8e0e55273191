using System.Text;
using System.Text.Json.Nodes;
using Dataspace.ConsentLedger.Consent;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;
using Dataspace.ConsentLedger.Tests.Consent;

namespace Dataspace.ConsentLedger.Tests.Ledger;

public sealed class LedgerEntryTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
    private static readonly PatientPseudonym Patient = new("pseudonym-1");
    private static readonly PatientPseudonym Other = new("pseudonym-2");
    private const string Hash = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    public static TheoryData<string, string> GoldenEntries => new()
    {
        {
            "recorded",
            $$"""{"consentHash":"{{Hash}}","consentId":"c-1","kind":"consent-recorded","patient":"pseudonym-1","recordedAt":"2026-01-02T03:04:05.678Z"}"""
        },
        {
            "updated",
            $$"""{"consentHash":"{{Hash}}","consentId":"c-1","kind":"consent-updated","patient":"pseudonym-1","recordedAt":"2026-01-02T03:04:05.678Z"}"""
        },
        {
            "revoked",
            $$"""{"consentHash":"{{Hash}}","consentId":"c-1","kind":"consent-revoked","patient":"pseudonym-1","recordedAt":"2026-01-02T03:04:05.678Z"}"""
        },
        {
            "access",
            """{"agreementId":"agr-7","breakGlass":true,"consentIds":["c-1","c-2"],"consumerDid":"did:web:partner.example","decision":"permit-with-filters","kind":"data-access","patientCount":1,"patients":[{"decision":"deny","patient":"pseudonym-1","resourceCount":0},{"decision":"permit","patient":"pseudonym-2","resourceCount":1200}],"purpose":"ETREAT","recordedAt":"2026-01-02T03:04:05.678Z","resourceCount":1200}"""
        },
        {
            "refusal",
            """{"agreementId":"agr-7","breakGlass":false,"consentIds":[],"consumerDid":"did:web:partner.example","decision":"deny","kind":"data-access","patientCount":0,"patients":[],"purpose":"ETREAT","recordedAt":"2026-01-02T03:04:05.678Z","resourceCount":0}"""
        },
        {
            "agreement",
            $$"""{"agreementId":"agr-7","assetId":"vitals","consumerDid":"did:web:partner.example","kind":"agreement-concluded","policyHash":"{{Hash}}","providerDid":"did:web:hrs.example","recordedAt":"2026-01-02T03:04:05.678Z"}"""
        },
        {
            "policy",
            $$"""{"kind":"policy-changed","policyHash":"{{Hash}}","policyId":"treatment-only","recordedAt":"2026-01-02T03:04:05.678Z"}"""
        },
    };

    [Theory]
    [MemberData(nameof(GoldenEntries))]
    public void Canonical_bytes_are_stable(string kind, string expected)
    {
        var entry = Entry(kind);

        Assert.Equal(expected, Encoding.UTF8.GetString(entry.ToCanonicalJson()));
        Assert.Equal(MerkleHasher.LeafHash(Encoding.UTF8.GetBytes(expected)), entry.LeafHash());
    }

    [Fact]
    public void Recorded_time_is_written_in_utc_whatever_the_offset()
    {
        var local = new PolicyChanged(At.ToOffset(TimeSpan.FromHours(2)), "treatment-only", Hash);

        Assert.Equal(Entry("policy").ToCanonicalJson(), local.ToCanonicalJson());
    }

    [Fact]
    public void Entries_append_to_the_merkle_tree_by_their_canonical_bytes()
    {
        var tree = new InMemoryMerkleTree();
        foreach (var (kind, _) in GoldenEntries.Select(row => ((string)row[0], (string)row[1])))
        {
            tree.Append(Entry(kind).ToCanonicalJson());
        }

        Assert.Equal(7, tree.Size);
        Assert.Equal(Entry("policy").LeafHash(), tree.GetSubtreeHash(0, 6));
    }

    [Fact]
    public void Patients_of_a_data_access_are_written_in_the_same_order_whatever_order_they_were_given_in()
    {
        PatientAccess[] accesses =
        [
            new(new PatientPseudonym("b"), ConsentOutcome.Permit, 3),
            new(new PatientPseudonym("a"), ConsentOutcome.Deny, 0),
            new(new PatientPseudonym("B"), ConsentOutcome.PermitWithFilters, 1),
            new(new PatientPseudonym("a"), ConsentOutcome.Permit, 2),
        ];
        var forward = Access(accesses);
        var backward = Access([.. accesses.Reverse()]);

        Assert.Equal(forward.ToCanonicalJson(), backward.ToCanonicalJson());
        // Ordinal, as RFC 8785 orders member names: upper case before lower case.
        Assert.Equal(["B", "a", "a", "b"], forward.Patients.Select(p => p.Patient.Value));
        Assert.Equal([ConsentOutcome.Permit, ConsentOutcome.Deny], forward.Patients.Where(p => p.Patient.Value == "a").Select(p => p.Decision));
        Assert.Contains(
            """patients":[{"decision":"permit-with-filters","patient":"B","resourceCount":1},{"decision":"permit","patient":"a","resourceCount":2},""",
            Encoding.UTF8.GetString(forward.ToCanonicalJson()), StringComparison.Ordinal);

        static DataAccess Access(PatientAccess[] patients) =>
            new(At, "agr-7", "did:web:partner.example", "ETREAT", 6, 3, [], ConsentOutcome.PermitWithFilters, false) { Patients = [.. patients] };
    }

    [Fact]
    public void Entries_name_the_patients_they_concern_each_once()
    {
        Assert.Equal([Patient], Entry("recorded").NamedPatients);
        Assert.Equal([Patient], Entry("updated").NamedPatients);
        Assert.Equal([Patient], Entry("revoked").NamedPatients);
        Assert.Equal([Patient, Other], Entry("access").NamedPatients);
        Assert.Empty(Entry("refusal").NamedPatients);
        Assert.Empty(Entry("agreement").NamedPatients);
        Assert.Empty(Entry("policy").NamedPatients);

        var twice = new DataAccess(At, "agr-7", "did:web:partner.example", "ETREAT", 5, 1, [], ConsentOutcome.Permit, false)
        {
            Patients = [new(Other, ConsentOutcome.Permit, 2), new(Patient, ConsentOutcome.Permit, 1), new(Other, ConsentOutcome.Permit, 2)],
        };
        Assert.Equal([Patient, Other], twice.NamedPatients);
        Assert.Equal(3, twice.Patients.Length);
    }

    [Fact]
    public void Consent_hash_does_not_depend_on_key_order_or_whitespace()
    {
        var json = File.ReadAllText(SharedTestData.PathOf("fhir-r4/spec-examples/consent-example-Emergency.json"));
        var reordered = Reverse(JsonNode.Parse(json)!).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        Assert.NotEqual(json, reordered);

        var original = ConsentHash.Compute(Encoding.UTF8.GetBytes(json));

        Assert.Equal(original, ConsentHash.Compute(Encoding.UTF8.GetBytes(reordered)));
        Assert.Equal(original, ConsentHash.Compute(ConsentExamples.Load("consent-example-Emergency")));
        Assert.Matches("^[0-9a-f]{64}$", original);
    }

    [Fact]
    public void Consent_hash_changes_with_the_content()
    {
        var consent = ConsentExamples.Load("consent-example-Emergency");
        var before = ConsentHash.Compute(consent);

        consent.Status = Hl7.Fhir.Model.Consent.ConsentState.Inactive;

        Assert.NotEqual(before, ConsentHash.Compute(consent));
    }

    private static LedgerEntry Entry(string kind) => kind switch
    {
        "recorded" => new ConsentRecorded(At, "c-1", Hash, Patient),
        "updated" => new ConsentUpdated(At, "c-1", Hash, Patient),
        "revoked" => new ConsentRevoked(At, "c-1", Hash, Patient),
        "access" => new DataAccess(At, "agr-7", "did:web:partner.example", "ETREAT", 1200, 1, ["c-1", "c-2"], ConsentOutcome.PermitWithFilters, BreakGlass: true)
        {
            // Given out of order: the entry keeps them sorted by pseudonym.
            Patients = [new(Other, ConsentOutcome.Permit, 1200), new(Patient, ConsentOutcome.Deny, 0)],
        },
        "refusal" => new DataAccess(At, "agr-7", "did:web:partner.example", "ETREAT", 0, 0, [], ConsentOutcome.Deny, BreakGlass: false),
        "agreement" => new AgreementConcluded(At, "agr-7", "did:web:hrs.example", "did:web:partner.example", "vitals", Hash),
        "policy" => new PolicyChanged(At, "treatment-only", Hash),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static JsonNode Reverse(JsonNode node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Reverse(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(v => v is null ? null : Reverse(v))]),
        _ => node.DeepClone(),
    };
}
