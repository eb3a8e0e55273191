using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Dataspace.ConsentLedger.Canonicalization;
using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.ConsentLedger.Ledger;

/// <summary>
/// One ledger record. It serialises to a flat JSON object whose RFC 8785 form is the Merkle leaf data, so any verifier
/// with a JSON library recomputes the same leaf. Entries hold ids, DIDs, codes, counts, hashes and pseudonyms, never PHI.
/// </summary>
public abstract record LedgerEntry(DateTimeOffset RecordedAt)
{
    /// <summary>The entry kind, the <c>kind</c> member of the JSON object.</summary>
    public abstract string Kind { get; }

    /// <summary>Every patient the entry names, by pseudonym, each once: what the connector's patient index files the entry under.</summary>
    public virtual IReadOnlyList<PatientPseudonym> NamedPatients => [];

    /// <summary>The canonical UTF-8 JSON of the entry: the bytes that become the Merkle leaf.</summary>
    public byte[] ToCanonicalJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", Kind);
            writer.WriteString("recordedAt", RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            WriteMembers(writer);
            writer.WriteEndObject();
        }

        return JsonCanonicalizer.Canonicalize(buffer.WrittenSpan);
    }

    /// <summary>The RFC 9162 leaf hash of <see cref="ToCanonicalJson"/>.</summary>
    public MerkleHash LeafHash() => MerkleHasher.LeafHash(ToCanonicalJson());

    /// <summary>Writes the kind-specific members; the base writes <c>kind</c> and <c>recordedAt</c>.</summary>
    protected abstract void WriteMembers(Utf8JsonWriter writer);
}
