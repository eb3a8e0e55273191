using Dapper;
using Dataspace.Connector.Storage;

namespace Dataspace.Connector.Ledger;

/// <summary>Finds the ledger entries that name a patient pseudonym through <c>ledger_patients</c>: one index seek per block of entries (<see cref="LedgerPatientsSchema"/>).</summary>
public sealed class LedgerPatientIndex(ConnectorDatabase database)
{
    // Blocks per query: 4M entries, so a small ledger is one query and a huge one a few, each with a bounded CTE.
    private const long BlocksPerQuery = 256;

    // The CTE walks the blocks in order and the join seeks (block, pseudonym) in the primary key for each; SQLite and
    // PostgreSQL 15 cannot skip-scan a leading column, so "block BETWEEN … AND pseudonym = …" would read every row instead.
    private const string Query = """
        WITH RECURSIVE blocks(b) AS (SELECT @firstBlock UNION ALL SELECT b + 1 FROM blocks WHERE b < @lastBlock)
        SELECT p.entry_index FROM blocks JOIN ledger_patients p ON p.entry_block = blocks.b AND p.pseudonym = @pseudonym
        WHERE p.entry_index >= @start AND p.entry_index < @end
        ORDER BY p.entry_index
        LIMIT @limit
        """;

    /// <summary>Up to <paramref name="limit"/> indices of entries naming <paramref name="pseudonym"/> in [<paramref name="start"/>, <paramref name="end"/>), ascending.</summary>
    public async Task<IReadOnlyList<long>> FindAsync(string pseudonym, long start, long end, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pseudonym);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var found = new List<long>();
        if (end <= start)
        {
            return found;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var lastBlock = LedgerRows.BlockOf(end - 1);
        for (var firstBlock = LedgerRows.BlockOf(start); firstBlock <= lastBlock && found.Count < limit; firstBlock += BlocksPerQuery)
        {
            var rows = await connection.QueryAsync<long>(new CommandDefinition(Query, new
            {
                firstBlock,
                lastBlock = Math.Min(lastBlock, firstBlock + BlocksPerQuery - 1),
                pseudonym,
                start,
                end,
                limit = limit - found.Count,
            }, cancellationToken: cancellationToken));
            found.AddRange(rows);
        }

        return found;
    }
}
