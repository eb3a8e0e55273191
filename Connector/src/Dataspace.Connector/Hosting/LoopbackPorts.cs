using System.Net;
using System.Net.Sockets;

namespace Dataspace.Connector.Hosting;

/// <summary>Free TCP ports on 127.0.0.1, chosen at run time so that parallel test runs and demos never collide.</summary>
public static class LoopbackPorts
{
    // Below the kernel's ephemeral range (32768+), so an outgoing connection never takes a port we are about to listen on.
    private const int First = 10_000;
    private const int Last = 20_000;
    private static readonly string LockFolder = Path.Combine(Path.GetTempPath(), "dataspace-ports");

    // A port's lock file stays open for the life of the process: another process (a parallel test run, a demo) that
    // tries the same port finds it locked. The OS drops the lock when the process ends, however it ends.
    private static readonly Dictionary<int, FileStream> Reserved = [];

    /// <summary>A port that is free now and reserved against every other caller on this machine until this process exits.</summary>
    public static int Next()
    {
        Directory.CreateDirectory(LockFolder);
        lock (Reserved)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(First, Last);
                if (Reserved.ContainsKey(port) || TryLock(port) is not { } reservation)
                    continue;
                if (!IsFree(port))
                {
                    reservation.Dispose();
                    continue;
                }
                Reserved[port] = reservation;
                return port;
            }
        }
        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }

    private static FileStream? TryLock(int port)
    {
        try
        {
            return new FileStream(Path.Combine(LockFolder, $"{port}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
