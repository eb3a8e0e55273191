using System.Net;
using System.Net.Sockets;
using Dapper;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Connector.Tests.Support;

/// <summary>Helpers for tests that stop and restart a connector mid-protocol.</summary>
public static class Restarts
{
    /// <summary>
    /// Keeps a stopped connector's port bound (not listening: peers are refused, as by a stopped host) until it restarts,
    /// so that no other test is handed the port in between.
    /// </summary>
    public static Socket HoldPort(RunningConnector stopped)
    {
        ArgumentNullException.ThrowIfNull(stopped);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, stopped.Identity.PublicUrl.Port));
        return socket;
    }

    /// <summary>The body of the process's outbox entry once at least one attempt to send it failed.</summary>
    public static async Task<string?> FailedOutboxEntryAsync(RunningConnector side, string processId)
    {
        ArgumentNullException.ThrowIfNull(side);
        var database = side.Services.GetRequiredService<ConnectorDatabase>();
        await using var connection = await database.OpenAsync();
        return await connection.QueryFirstOrDefaultAsync<string>(
            "SELECT body FROM outbox WHERE process_id = @processId AND attempts > 0 AND body IS NOT NULL", new { processId });
    }
}
