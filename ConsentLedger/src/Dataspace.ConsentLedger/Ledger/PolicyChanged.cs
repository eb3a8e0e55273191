using System.Text.Json;

namespace Dataspace.ConsentLedger.Ledger;

/// <summary>An operator created or changed a usage policy; the new content is recorded by its hash.</summary>
public sealed record PolicyChanged(DateTimeOffset RecordedAt, string PolicyId, string PolicyHash)
    : LedgerEntry(RecordedAt)
{
    /// <inheritdoc/>
    public override string Kind => "policy-changed";

    /// <inheritdoc/>
    protected override void WriteMembers(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("policyId", PolicyId);
        writer.WriteString("policyHash", PolicyHash);
    }
}
