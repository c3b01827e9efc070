using System.Net;
using System.Net.Sockets;

namespace WaApp.TestInfrastructure;

/// <summary>
/// Hands out loopback ports that are free right now, never the same one twice in a test process: clusters start in
/// parallel, and a port released by one probe must not be given to another host before the first one binds it.
/// </summary>
public static class FreePort
{
    private static readonly HashSet<int> s_handedOut = [];

    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (s_handedOut)
            {
                if (s_handedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
