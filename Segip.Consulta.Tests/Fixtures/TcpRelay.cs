using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of the test's PostgreSQL server, so a test can take the database away from the
/// app (<see cref="Cut"/>: open connections dropped, new ones refused, as when the server goes down) and give it back
/// (<see cref="Restore"/>) on the same port.
/// </summary>
public sealed class TcpRelay : IDisposable
{
    private readonly int target;
    private readonly ConcurrentDictionary<Socket, byte> open = new();
    private TcpListener? listener;

    public int Port { get; }

    public TcpRelay(int targetPort)
    {
        target = targetPort;
        Port = AppInstance.FreePort();
        Restore();
    }

    /// <summary>Accepts connections again and relays them to the server.</summary>
    public void Restore()
    {
        if (listener is not null) return;
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _ = AcceptAsync(listener);
    }

    /// <summary>Refuses new connections and drops the open ones.</summary>
    public void Cut()
    {
        listener?.Stop();
        listener = null;
        foreach (var socket in open.Keys) Close(socket);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket client;
            try { client = await listener.AcceptSocketAsync(); }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException) { return; }
            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try { await server.ConnectAsync(IPAddress.Loopback, target); }
            catch (SocketException) { Close(client); Close(server); continue; }
            open[client] = 0;
            open[server] = 0;
            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0) break;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }
        Close(from);
        Close(to);
    }

    private void Close(Socket socket)
    {
        open.TryRemove(socket, out _);
        try { socket.Close(0); } catch (ObjectDisposedException) { }
    }

    public void Dispose() => Cut();
}
