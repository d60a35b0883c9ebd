using KumaTip.Application.Secrets.Certificates;
using KumaTip.Application.ThreatLookup.Settings;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// Tells "TIP refused our client certificate" from "the connection broke". Under TLS 1.3 the client finishes its
/// handshake before the server has judged the certificate, so a refusal only shows as the connection closing before
/// any answer, exactly like a reset. The probe opens a connection the same way (same certificate, same proxy), sends
/// no request at all (so nothing is counted), and listens: a server that accepted the certificate waits for a
/// request; one that refused it closes at once.
/// </summary>
internal static class TipHandshakeProbe
{
    private sealed class ProbeFinishedException : Exception;

    /// <summary>True when the server closes a fresh connection right after the handshake, before any request.</summary>
    public static async Task<bool> ServerRefusesHandshakeAsync(
        TipConnection connection, TipClientOptions options, PfxInspector pfxInspector, TimeProvider time, CancellationToken ct)
    {
        var closedByServer = false;
        var created = TipTransport.Create(connection, options, pfxInspector, time, async (context, token) =>
        {
            using var listening = CancellationTokenSource.CreateLinkedTokenSource(token);
            listening.CancelAfter(options.HandshakeProbeWait);
            try
            {
                closedByServer = await context.PlaintextStream.ReadAsync(new byte[1], listening.Token) == 0;
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                // Still open after the wait: the server is waiting for a request, so it accepted the handshake.
            }
            catch (IOException)
            {
                closedByServer = true;
            }

            // Never hand the connection back: no request may be sent on it.
            throw new ProbeFinishedException();
        });
        if (created.Error is not null)
        {
            return false;
        }

        using var transport = created.Value!;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(connection.BaseUrl.GetLeftPart(UriPartial.Authority)));
        try
        {
            using var response = await transport.Invoker.SendAsync(request, ct);
        }
        catch (HttpRequestException)
        {
            // Expected: the probe always ends the connection itself.
        }

        return closedByServer;
    }
}
