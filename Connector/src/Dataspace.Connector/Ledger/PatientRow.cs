namespace Dataspace.Connector.Ledger;

/// <summary>One row of the patient index: entry <paramref name="EntryIndex"/> names <paramref name="Pseudonym"/>.</summary>
/// <param name="Block">The entry's block, <see cref="LedgerRows.BlockOf"/>: the leading key column.</param>
/// <param name="Pseudonym">The patient's ledger pseudonym.</param>
/// <param name="EntryIndex">The entry's ledger index.</param>
internal readonly record struct PatientRow(long Block, string Pseudonym, long EntryIndex)
{
    /// <summary>Key order: block, pseudonym by ordinal (SQLite's BINARY collation), index.</summary>
    public static int Compare(PatientRow left, PatientRow right)
    {
        var byBlock = left.Block.CompareTo(right.Block);
        if (byBlock != 0)
        {
            return byBlock;
        }

        var byPseudonym = string.CompareOrdinal(left.Pseudonym, right.Pseudonym);
        return byPseudonym != 0 ? byPseudonym : left.EntryIndex.CompareTo(right.EntryIndex);
    }
}
