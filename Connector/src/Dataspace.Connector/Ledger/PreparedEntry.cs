using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.Connector.Ledger;

/// <summary>An entry ready for <see cref="LedgerWriter"/>: its canonical JSON (the leaf data), its leaf hash and the pseudonyms the patient index files it under.</summary>
/// <param name="Canonical">The RFC 8785 canonical JSON, UTF-8.</param>
/// <param name="LeafHash">The RFC 9162 leaf hash of <paramref name="Canonical"/>.</param>
/// <param name="Patients">The pseudonyms of <see cref="LedgerEntry.NamedPatients"/>, each once.</param>
internal readonly record struct PreparedEntry(byte[] Canonical, MerkleHash LeafHash, string[] Patients)
{
    /// <summary>Canonicalises and hashes <paramref name="entry"/>; the work a caller's thread does before the single writer sees it.</summary>
    public static PreparedEntry From(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var canonical = LedgerEntryJson.ToCanonicalJson(entry);
        var named = entry.NamedPatients;
        var patients = named.Count == 0 ? [] : new string[named.Count];
        for (var i = 0; i < patients.Length; i++)
        {
            // A pseudonym the index could not hold (null) would fail the whole batch at insert; refuse this one entry instead.
            patients[i] = named[i].Value ?? throw new ArgumentException("An entry names a patient without a pseudonym.", nameof(entry));
        }

        return new PreparedEntry(canonical, ReusedMerkleHasher.LeafHash(canonical), patients);
    }
}
