using System.Net.Http.Headers;
using System.Text;
using KumaTip.Application.ThreatLookup.Settings;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>Sends one request to TIP and reads the whole answer, so the per-attempt timeout covers the body too.</summary>
internal static class TipHttpExchange
{
    private static readonly ProductInfoHeaderValue UserAgent = new("KumaTip", "1.0");

    public static async Task<TipAttemptResult> SendAsync(TipTransport transport, TipConnection connection, Uri uri, TimeProvider time, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        // Sent up front, not through handler credentials: waiting for a 401 challenge would spend two requests of the quota.
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{connection.UserName}:{connection.Password}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(UserAgent);

        using var response = await transport.Invoker.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return new TipAttemptResult((int)response.StatusCode, body, RetryAfterOf(response, time));
    }

    /// <summary><c>Retry-After</c> as a delay: delta seconds, or an HTTP date from now; never negative.</summary>
    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };
}
