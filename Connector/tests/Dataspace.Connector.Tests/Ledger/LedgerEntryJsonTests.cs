using System.Collections.Immutable;
using Dataspace.ConsentLedger.Consent;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.Connector.Ledger;

namespace Dataspace.Connector.Tests.Ledger;

/// <summary>The direct writer for data-access entries produces exactly the general RFC 8785 canonicaliser's bytes.</summary>
public sealed class LedgerEntryJsonTests
{
    private static readonly string[] Awkward =
    [
        "",
        "plain",
        "quote \" backslash \\ slash / ",
        "controls \b \t \n \f \r \u0000 \u0001 \u001f end",
        "del \u007f and <html> & 'apostrophe' +",
        "latin é ß ø, cjk 漢字, arabic مرحبا",
        "astral 😀 𝄞 pair",
        "line sep \u2028 para sep \u2029 bom \ufeff",
        new string('x', 5000) + "\n" + new string('é', 3000),
    ];

    public static TheoryData<int> Cases => [.. Enumerable.Range(0, Awkward.Length)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Data_access_entries_match_the_general_canonicaliser(int i)
    {
        var text = Awkward[i];
        foreach (var (resources, patients) in new (long, long)[] { (0, 1), (-5, 42), ((1L << 53) - 1, -((1L << 53) - 1)), (long.MaxValue, long.MinValue), (1L << 53, 7) })
        {
            foreach (var decision in new[] { ConsentOutcome.Permit, ConsentOutcome.Deny, ConsentOutcome.PermitWithFilters })
            {
                var entry = new DataAccess(
                    DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123 + i).ToOffset(TimeSpan.FromHours(2)),
                    "urn:uuid:" + text, "did:web:" + text, text, resources, patients,
                    [text, "Consent/1", ""], decision, BreakGlass: i % 2 == 0);
                AssertSame(entry);
                AssertSame(entry with { Patients = [new(new PatientPseudonym(text), decision, resources), new(new PatientPseudonym("p"), ConsentOutcome.Deny, patients)] });
            }
        }
    }

    [Fact]
    public void Edge_values_match_the_general_canonicaliser()
    {
        var at = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var noIds = new DataAccess(at, "a", "b", "c", 1, 2, default, ConsentOutcome.Permit, false);
        AssertSame(noIds);
        var empty = new DataAccess(DateTimeOffset.MaxValue, "a", "b", "c", 1, 2, ImmutableArray<string>.Empty, ConsentOutcome.Deny, true);
        AssertSame(empty);

        // A lone surrogate: the general path's writer substitutes U+FFFD; the direct writer hands such strings to it.
        AssertSame(new DataAccess(at, "bad \ud800 surrogate", "b", "c", 1, 2, [], ConsentOutcome.Permit, false));
        AssertSame(new DataAccess(at, "a", "b", "c", 1, 2, ["x", null!], ConsentOutcome.Permit, false));
        AssertSame(new DataAccess(at, "a", "b", "c", 1, 2, [], ConsentOutcome.Permit, false) { Patients = [new(default, ConsentOutcome.Permit, 1)] });
        AssertSame(new DataAccess(at, "a", "b", "c", 1, 2, [], ConsentOutcome.Permit, false) { Patients = [new(new("bad \udc00"), ConsentOutcome.Deny, 0)] });
        AssertSame(new DataAccess(at, "a", "b", "c", 1, 2, [], ConsentOutcome.Permit, false) { Patients = [new(new("p"), ConsentOutcome.Permit, 1L << 53)] });
        AssertSame(new DataAccess(at, "a", "b", "c", 1, 2, [], ConsentOutcome.Permit, false) { Patients = default });

        var other = LedgerTestBed.Entry(3);
        Assert.Equal(other.ToCanonicalJson(), LedgerEntryJson.ToCanonicalJson(other));
    }

    // Same bytes, or the same exception type.
    private static void AssertSame(DataAccess entry)
    {
        byte[]? general = null;
        byte[]? direct = null;
        var generalError = Record.Exception(() => general = entry.ToCanonicalJson());
        var directError = Record.Exception(() => direct = LedgerEntryJson.ToCanonicalJson(entry));
        Assert.Equal(generalError?.GetType(), directError?.GetType());
        Assert.Equal(general, direct);
    }
}
