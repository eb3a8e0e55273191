namespace Dataspace.Connector.Ledger;

/// <summary>
/// Which perfect subtree levels <c>ledger_subtrees</c> holds (since migration 6): the leaf hashes (level 0) and every
/// level from <see cref="LowestStoredUpper"/> up. Levels 1–3 are recomputed from the at most 8 leaf hashes below them,
/// which a proof reads in the same range query as its other low hashes; leaving them out saves 7 of every 8 subtree rows.
/// </summary>
internal static class LedgerLevels
{
    /// <summary>The lowest stored level above the leaves (16 leaves).</summary>
    public const int LowestStoredUpper = 4;

    /// <summary>log2 of the aligned leaf block a level 1–3 subtree is recomputed from.</summary>
    public const int BlockLevel = LowestStoredUpper - 1;

    /// <summary>Whether a subtree of <paramref name="level"/> is stored.</summary>
    public static bool IsStored(int level) => level == 0 || level >= LowestStoredUpper;
}
