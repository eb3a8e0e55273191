using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Dataspace.Connector.Hosting;

/// <summary>
/// Free TCP ports on 127.0.0.1 for connectors started at run time (demo, tests). The operating system picks the port and
/// a socket stays listening on it until Kestrel adopts that very socket, so nothing else can take the port in between:
/// not a parallel test process, not an outgoing connection (a merely bound socket would not stop those on Linux).
/// Connections that arrive before Kestrel starts wait in the backlog.
/// </summary>
public static class LoopbackPorts
{
    private static readonly ConcurrentDictionary<int, Socket> Held = new();

    /// <summary>A port listened on at 127.0.0.1 and held for this process until a host started with <see cref="UseHeldSockets"/> adopts it.</summary>
    public static int Next()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(512);
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        Held[port] = socket;
        return port;
    }

    /// <summary>Makes Kestrel listen on the held socket of a port from <see cref="Next"/>, and bind anything else as usual.</summary>
    public static void UseHeldSockets(SocketTransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.CreateBoundListenSocket = endpoint =>
            endpoint is IPEndPoint ip && IPAddress.IsLoopback(ip.Address) && Held.TryRemove(ip.Port, out var socket)
                ? socket
                : SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
    }
}
