using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KumaTip.IntegrationTests.ThreatLookupClient;

/// <summary>
/// A tiny HTTP CONNECT proxy on 127.0.0.1, for proving that requests go through it: it counts the tunnels it opens,
/// optionally demands Basic proxy credentials (407 with a challenge, as real proxies do), and tunnels to loopback only.
/// </summary>
public sealed class ConnectProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly string? _expectedAuthorization;
    private readonly Task _acceptLoop;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _authorizations = new();
    private int _tunnels;
    private int _refusals;

    public ConnectProxy(string? userName = null, string? password = null)
    {
        if (userName is not null)
        {
            _expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}"));
        }

        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _acceptLoop = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>Tunnels opened (CONNECT requests accepted).</summary>
    public int Tunnels => Volatile.Read(ref _tunnels);

    /// <summary>The Proxy-Authorization header of every CONNECT request received, empty when it had none.</summary>
    public IReadOnlyCollection<string> Authorizations => _authorizations;

    /// <summary>CONNECT requests answered 407.</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var downstream = client.GetStream();
                while (true)
                {
                    var head = await ReadHeadAsync(downstream, _stopping.Token);
                    if (head is null)
                    {
                        return;
                    }

                    var lines = head.Split("\r\n");
                    var requestLine = lines[0].Split(' ');
                    if (requestLine is not ["CONNECT", var target, _])
                    {
                        await WriteAsync(downstream, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        return;
                    }

                    var authorization = lines.Skip(1)
                        .Where(line => line.StartsWith("Proxy-Authorization:", StringComparison.OrdinalIgnoreCase))
                        .Select(line => line["Proxy-Authorization:".Length..].Trim())
                        .FirstOrDefault();
                    _authorizations.Enqueue(authorization ?? "");
                    if (_expectedAuthorization is not null && authorization != _expectedAuthorization)
                    {
                        Interlocked.Increment(ref _refusals);
                        await WriteAsync(downstream, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test-proxy\"\r\nContent-Length: 0\r\n\r\n");
                        continue;
                    }

                    var separator = target.LastIndexOf(':');
                    var host = target[..separator].Trim('[', ']');
                    if (!IPAddress.TryParse(host, out var address) || !IPAddress.IsLoopback(address))
                    {
                        await WriteAsync(downstream, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        return;
                    }

                    using var upstream = new TcpClient();
                    await upstream.ConnectAsync(address, int.Parse(target[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture), _stopping.Token);
                    Interlocked.Increment(ref _tunnels);
                    await WriteAsync(downstream, "HTTP/1.1 200 Connection Established\r\n\r\n");
                    var upstreamStream = upstream.GetStream();
                    await Task.WhenAny(
                        downstream.CopyToAsync(upstreamStream, _stopping.Token),
                        upstreamStream.CopyToAsync(downstream, _stopping.Token));
                    return;
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A client or server that went away ends the tunnel.
            }
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer, ct) == 0 || head.Length > 16 * 1024)
            {
                return null;
            }

            head.Append((char)buffer[0]);
        }

        return head.ToString();
    }

    private static async Task WriteAsync(NetworkStream stream, string text) => await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
}
