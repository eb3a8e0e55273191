using System.Data.Common;
using System.Globalization;
using System.Text;
using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// One read of subtree hashes: stored levels by key, and levels 1–3 through the aligned 8-leaf blocks below them,
/// adjacent blocks merged into one range. The leaves come back in the same query and the low levels are hashed here.
/// </summary>
internal sealed class SubtreeQuery
{
    private readonly List<(int Level, long Index)> _wanted;
    private readonly List<(long First, long Last)> _leafRanges;
    private readonly List<(int Level, long Index)> _keys;

    private SubtreeQuery(List<(int Level, long Index)> wanted, List<(long First, long Last)> leafRanges, List<(int Level, long Index)> keys)
    {
        _wanted = wanted;
        _leafRanges = leafRanges;
        _keys = keys;
        var sql = new StringBuilder("SELECT level, subtree_index, hash FROM ledger_subtrees WHERE ");
        var p = 0;
        foreach (var _ in leafRanges)
        {
            sql.Append(p == 0 ? "" : " OR ").Append(CultureInfo.InvariantCulture, $"(level = 0 AND subtree_index BETWEEN @p{p} AND @p{p + 1})");
            p += 2;
        }

        foreach (var _ in keys)
        {
            sql.Append(p == 0 ? "" : " OR ").Append(CultureInfo.InvariantCulture, $"(level = @p{p} AND subtree_index = @p{p + 1})");
            p += 2;
        }

        Sql = sql.ToString();
    }

    /// <summary>The statement; equal for queries of the same shape, so a prepared command can be reused.</summary>
    public string Sql { get; }

    /// <summary>Whether nothing is wanted.</summary>
    public bool IsEmpty => _wanted.Count == 0;

    /// <summary>Plans the read of <paramref name="subtrees"/>.</summary>
    public static SubtreeQuery Plan(IReadOnlyCollection<(int Level, long Index)> subtrees)
    {
        var wanted = new List<(int Level, long Index)>(subtrees.Count);
        var blocks = new SortedSet<long>();
        var keys = new List<(int Level, long Index)>();
        foreach (var (level, index) in subtrees)
        {
            wanted.Add((level, index));
            if (level < LedgerLevels.LowestStoredUpper)
            {
                blocks.Add((index << level) >> LedgerLevels.BlockLevel);
            }
            else
            {
                keys.Add((level, index));
            }
        }

        var ranges = new List<(long First, long Last)>();
        const int blockSize = 1 << LedgerLevels.BlockLevel;
        foreach (var block in blocks)
        {
            var first = block * blockSize;
            if (ranges.Count > 0 && ranges[^1].Last == first - 1)
            {
                ranges[^1] = (ranges[^1].First, first + blockSize - 1);
            }
            else
            {
                ranges.Add((first, first + blockSize - 1));
            }
        }

        return new SubtreeQuery(wanted, ranges, keys);
    }

    /// <summary>Sets the statement and its parameters on a new <paramref name="command"/>.</summary>
    public void Bind(DbCommand command)
    {
        command.CommandText = Sql;
        var p = 0;
        foreach (var value in Values())
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + p.ToString(CultureInfo.InvariantCulture);
            parameter.Value = value;
            command.Parameters.Add(parameter);
            p++;
        }
    }

    /// <summary>Sets the parameter values on <paramref name="command"/>, prepared earlier by <see cref="Bind"/> for the same <see cref="Sql"/>.</summary>
    public void Rebind(DbCommand command)
    {
        var p = 0;
        foreach (var value in Values())
        {
            command.Parameters[p++].Value = value;
        }
    }

    /// <summary>Runs <paramref name="command"/> and returns every wanted hash it could find or recompute.</summary>
    public async Task<Dictionary<(int Level, long Index), MerkleHash>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var leaves = new Dictionary<long, MerkleHash>();
        var stored = new Dictionary<(int Level, long Index), MerkleHash>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var level = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
                var index = reader.GetInt64(1);
                var hash = new MerkleHash((byte[])reader.GetValue(2));
                if (level == 0)
                {
                    leaves[index] = hash;
                }
                else
                {
                    stored[(level, index)] = hash;
                }
            }
        }

        var found = new Dictionary<(int Level, long Index), MerkleHash>(_wanted.Count);
        foreach (var (level, index) in _wanted)
        {
            if (level >= LedgerLevels.LowestStoredUpper)
            {
                if (stored.TryGetValue((level, index), out var hash))
                {
                    found[(level, index)] = hash;
                }
            }
            else if (TryRecompute(leaves, level, index, out var hash))
            {
                found[(level, index)] = hash;
            }
        }

        return found;
    }

    // MTH of a perfect low subtree from its leaves; false if a leaf is missing, so the caller reports the subtree as absent.
    private static bool TryRecompute(Dictionary<long, MerkleHash> leaves, int level, long index, out MerkleHash hash)
    {
        if (level == 0)
        {
            return leaves.TryGetValue(index, out hash);
        }

        if (TryRecompute(leaves, level - 1, 2 * index, out var left) && TryRecompute(leaves, level - 1, (2 * index) + 1, out var right))
        {
            hash = MerkleHasher.NodeHash(left, right);
            return true;
        }

        hash = default;
        return false;
    }

    private IEnumerable<object> Values()
    {
        foreach (var (first, last) in _leafRanges)
        {
            yield return first;
            yield return last;
        }

        foreach (var (level, index) in _keys)
        {
            yield return level;
            yield return index;
        }
    }
}

/// <summary>A connection kept for subtree reads, with its prepared statements by shape.</summary>
internal sealed class SubtreeReader(DbConnection connection) : IAsyncDisposable
{
    // Proof shapes are few (ranges and keys per tree size); a bound keeps a pathological mix from growing without limit.
    private const int MaxCommands = 64;

    private readonly Dictionary<string, DbCommand> _commands = [];

    public static async Task<SubtreeReader> OpenAsync(Storage.ConnectorDatabase database, CancellationToken cancellationToken) =>
        new(await database.OpenAsync(cancellationToken));

    public async Task<Dictionary<(int Level, long Index), MerkleHash>> ReadAsync(SubtreeQuery query, CancellationToken cancellationToken)
    {
        if (_commands.TryGetValue(query.Sql, out var command))
        {
            query.Rebind(command);
        }
        else
        {
            if (_commands.Count >= MaxCommands)
            {
                await DisposeCommandsAsync();
            }

            command = connection.CreateCommand();
            query.Bind(command);
            _commands[query.Sql] = command;
        }

        return await query.ReadAsync(command, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeCommandsAsync();
        await connection.DisposeAsync();
    }

    private async Task DisposeCommandsAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
    }
}
