using System.Net;
using System.Net.Sockets;

namespace Dataspace.Connector.Hosting;

/// <summary>Free TCP ports on 127.0.0.1, chosen at run time so that parallel test runs and demos never collide.</summary>
public static class LoopbackPorts
{
    /// <summary>A port that was free a moment ago; the OS avoids handing it out again soon.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
