using Dataspace.ConsentLedger.Consent;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.Connector.Ledger;

namespace Dataspace.Connector.Tests.Ledger;

/// <summary>
/// Two patients' ledger history, appended one entry at a time so indices are known: Alice consents, is read for research,
/// revokes and is then refused; Bob consents, is refused for that research read and read for treatment with break-glass.
/// </summary>
public static class AccessReportScenario
{
    public const string Alice = "Patient/alice";
    public const string Bob = "Patient/bob";

    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The time of entry <paramref name="index"/>: one hour apart.</summary>
    public static DateTimeOffset At(int index) => Start.AddHours(index);

    /// <summary>The entries, index by index.</summary>
    public static IReadOnlyList<LedgerEntry> Entries(LedgerPseudonyms pseudonyms)
    {
        var alice = pseudonyms.Derive(Alice);
        var bob = pseudonyms.Derive(Bob);
        return
        [
            new ConsentRecorded(At(0), "c-alice", new string('a', 64), alice),
            new ConsentRecorded(At(1), "c-bob", new string('b', 64), bob),
            new DataAccess(At(2), "agr-research", "did:web:research.example", "RESEARCH", 3, 1, ["c-alice", "c-bob"], ConsentOutcome.PermitWithFilters, false)
            {
                Patients = [new(alice, ConsentOutcome.Permit, 3), new(bob, ConsentOutcome.Deny, 0)],
            },
            new PolicyChanged(At(3), "treatment-only", new string('c', 64)),
            new DataAccess(At(4), "agr-treatment", "did:web:partner.example", "ETREAT", 5, 1, ["c-bob"], ConsentOutcome.Permit, true)
            {
                Patients = [new(bob, ConsentOutcome.Permit, 5)],
            },
            new ConsentRevoked(At(5), "c-alice", new string('d', 64), alice),
            new DataAccess(At(6), "agr-research", "did:web:research.example", "RESEARCH", 0, 0, [], ConsentOutcome.Deny, false)
            {
                Patients = [new(alice, ConsentOutcome.Deny, 0)],
            },
        ];
    }

    /// <summary>Appends the entries through the service, each committed before the next.</summary>
    public static async Task AppendAsync(LedgerService ledger, LedgerPseudonyms pseudonyms)
    {
        foreach (var entry in Entries(pseudonyms))
        {
            await ledger.AppendAsync(entry);
        }
    }
}
