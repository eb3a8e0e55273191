using System.Globalization;
using System.Text.Json;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// Builds a patient's access report: the patient index gives the entries naming their pseudonym, each entry is read and
/// checked to really name it, and only what a signed tree head covers is reported.
/// </summary>
public sealed class AccessReports(LedgerStore store, LedgerPatientIndex index, LedgerPseudonyms pseudonyms)
{
    /// <summary>The largest page; <see cref="DefaultLimit"/> when the caller does not say.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The page size when the caller does not say.</summary>
    public const int DefaultLimit = 100;

    // Index rows examined per page at most, so a narrow time window over a long history still answers promptly (with a next page).
    private const int MaxExamined = 10 * MaxLimit;

    /// <summary>
    /// One page of the report of <paramref name="patientReference"/>: up to <paramref name="limit"/> entries from index
    /// <paramref name="after"/> on, recorded in [<paramref name="from"/>, <paramref name="to"/>), below the newest signed
    /// tree head or the one of <paramref name="treeSize"/> (so later pages match the first); null if the ledger signed no head of that size.
    /// </summary>
    public async Task<AccessReport?> BuildAsync(
        string patientReference, DateTimeOffset? from, DateTimeOffset? to, long after, int limit, long? treeSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patientReference);
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        var pseudonym = pseudonyms.Derive(patientReference).Value;
        // Readers see only what a signed tree head covers, as for every other ledger read.
        var head = treeSize is { } pinned ? await store.TreeHeadAsync(pinned, cancellationToken) : await store.LatestTreeHeadAsync(cancellationToken);
        if (treeSize is not null && head is null)
        {
            return null;
        }

        var size = head?.TreeSize ?? 0;
        var treeHead = head is null ? null : TreeHeadJson.From(head, await store.CosignaturesAsync(head.TreeSize, cancellationToken));

        var accesses = new List<ReportedAccess>();
        var events = new List<ReportedConsentEvent>();
        var cursor = after;
        long? next = null;
        var examined = 0;
        while (true)
        {
            // One more than still wanted, to learn whether a next page exists.
            var want = limit - accesses.Count - events.Count + 1;
            var candidates = await index.FindAsync(pseudonym, cursor, size, want, cancellationToken);
            var entries = (await store.EntriesAtAsync(candidates, cancellationToken)).ToDictionary(e => e.Index);
            foreach (var candidate in candidates)
            {
                if (accesses.Count + events.Count == limit || examined == MaxExamined)
                {
                    next = candidate;
                    break;
                }

                examined++;
                cursor = candidate + 1;
                if (entries.TryGetValue(candidate, out var entry))
                {
                    Read(entry, pseudonym, size, from, to, accesses, events);
                }
            }

            if (next is not null || candidates.Count < want)
            {
                break;
            }
        }

        return new AccessReport(patientReference, pseudonym, treeHead, from, to, accesses, events, next, null);
    }

    // Adds the entry if it names the patient and falls in the window; an index row whose entry does not name the patient
    // (a tampered or foreign row) adds nothing: the report shows only what the entries themselves say.
    private static void Read(
        StoredEntry stored, string pseudonym, long treeSize, DateTimeOffset? from, DateTimeOffset? to,
        List<ReportedAccess> accesses, List<ReportedConsentEvent> events)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stored.Entry);
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "kind") is not { } kind
                || !DateTimeOffset.TryParse(Text(root, "recordedAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var recordedAt)
                || recordedAt < from || recordedAt >= to)
            {
                return;
            }

            var proof = $"{LedgerClient.BasePath}/proof/inclusion?index={stored.Index}&tree_size={treeSize}";
            var leafHash = stored.LeafHash?.ToBase64();
            if (kind == "data-access" && PatientPart(root, pseudonym) is { } part)
            {
                accesses.Add(new ReportedAccess(
                    stored.Index, leafHash, recordedAt, Text(root, "consumerDid") ?? "", Text(root, "purpose") ?? "", Text(root, "agreementId") ?? "",
                    Text(part, "decision") ?? "", part.TryGetProperty("resourceCount", out var count) && count.TryGetInt64(out var n) ? n : 0,
                    root.TryGetProperty("breakGlass", out var breakGlass) && breakGlass.ValueKind == JsonValueKind.True,
                    root.TryGetProperty("consentIds", out var ids) && ids.ValueKind == JsonValueKind.Array
                        ? [.. ids.EnumerateArray().Where(id => id.ValueKind == JsonValueKind.String).Select(id => id.GetString()!)]
                        : [],
                    proof));
            }
            else if (kind.StartsWith("consent-", StringComparison.Ordinal) && Text(root, "patient") == pseudonym)
            {
                events.Add(new ReportedConsentEvent(
                    stored.Index, leafHash, recordedAt, kind["consent-".Length..], Text(root, "consentId") ?? "", Text(root, "consentHash") ?? "", proof));
            }
        }
    }

    private static JsonElement? PatientPart(JsonElement entry, string pseudonym)
    {
        if (!entry.TryGetProperty("patients", out var patients) || patients.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var part in patients.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && Text(part, "patient") == pseudonym)
            {
                return part;
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
