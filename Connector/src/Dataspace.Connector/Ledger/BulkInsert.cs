using System.Data.Common;
using System.Text;

namespace Dataspace.Connector.Ledger;

/// <summary>Inserts many rows with multi-row <c>INSERT … VALUES (…), (…)</c> statements, reusing one prepared command per chunk size.</summary>
/// <remarks>One statement per row would cost a round trip each on PostgreSQL and most of the append time on SQLite.</remarks>
internal sealed class BulkInsert : IAsyncDisposable
{
    // Microsoft.Data.Sqlite binds each parameter by a name lookup over the statement's parameters, so the cost per
    // statement grows with the square of its parameter count; 64 rows keeps that small while still saving most round trips.
    private const int ChunkRows = 64;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _table;
    private readonly string[] _columns;
    private readonly Dictionary<int, DbCommand> _commands = [];

    public BulkInsert(DbConnection connection, DbTransaction transaction, string table, params string[] columns)
    {
        _connection = connection;
        _transaction = transaction;
        _table = table;
        _columns = columns;
    }

    /// <summary>Inserts <paramref name="rowCount"/> rows; <paramref name="value"/> gives the value of (row, column).</summary>
    public async Task InsertAsync(int rowCount, Func<int, int, object> value, CancellationToken cancellationToken)
    {
        for (var start = 0; start < rowCount; start += ChunkRows)
        {
            var rows = Math.Min(ChunkRows, rowCount - start);
            var command = CommandFor(rows);
            for (var row = 0; row < rows; row++)
            {
                for (var column = 0; column < _columns.Length; column++)
                {
                    command.Parameters[(row * _columns.Length) + column].Value = value(start + row, column);
                }
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private DbCommand CommandFor(int rows)
    {
        if (_commands.TryGetValue(rows, out var existing))
        {
            return existing;
        }

        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        var sql = new StringBuilder("INSERT INTO ").Append(_table).Append(" (").AppendJoin(", ", _columns).Append(") VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < _columns.Length; column++)
            {
                // With its '@' the name matches on the first lookup; without it Microsoft.Data.Sqlite tries each prefix in turn.
                var name = $"@p{(row * _columns.Length) + column}";
                sql.Append(column == 0 ? "" : ", ").Append(name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        _commands[rows] = command;
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }
    }
}
