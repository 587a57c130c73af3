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
    private readonly int _target;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private TcpListener? _listener;

    public int Port { get; }

    public TcpRelay(int targetPort)
    {
        _target = targetPort;
        Port = AppInstance.FreePort();
        Restore();
    }

    /// <summary>Accepts connections again and relays them to the server.</summary>
    public void Restore()
    {
        if (_listener is not null) return;
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener);
    }

    /// <summary>Refuses new connections and drops the open ones.</summary>
    public void Cut()
    {
        _listener?.Stop();
        _listener = null;
        foreach (var socket in _open.Keys) Close(socket);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket client;
            try { client = await listener.AcceptSocketAsync(); }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException) { return; }
            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try { await server.ConnectAsync(IPAddress.Loopback, _target); }
            catch (SocketException) { Close(client); Close(server); continue; }
            _open[client] = 0;
            _open[server] = 0;
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
        _open.TryRemove(socket, out _);
        try { socket.Close(0); } catch (ObjectDisposedException) { }
    }

    public void Dispose() => Cut();
}
