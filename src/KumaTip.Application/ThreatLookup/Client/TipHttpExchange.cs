using System.Net.Http.Headers;
using System.Text;
using KumaTip.Application.ThreatLookup.Settings;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// Sends one request to TIP and reads the whole answer, so the per-attempt timeout covers the body too, up to
/// <see cref="TipClientOptions.MaxAnswerBytes"/>: an answer that never ends must not fill the memory.
/// </summary>
internal static class TipHttpExchange
{
    private static readonly ProductInfoHeaderValue UserAgent = new("KumaTip", "1.0");

    public static async Task<TipAttemptResult> SendAsync(
        TipTransport transport, TipConnection connection, Uri uri, int maxAnswerBytes, TimeProvider time, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        // Sent up front, not through handler credentials: waiting for a 401 challenge would spend two requests of the quota.
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{connection.UserName}:{connection.Password}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(UserAgent);

        using var response = await transport.Invoker.SendAsync(request, ct);
        var body = await ReadAtMostAsync(response.Content, maxAnswerBytes, ct);
        return body is null
            ? new TipAttemptResult((int)response.StatusCode, "", null, TooLarge: TipClientErrors.AnswerTooLarge(maxAnswerBytes))
            : new TipAttemptResult((int)response.StatusCode, body, RetryAfterOf(response, time));
    }

    /// <summary>The body as text, or null as soon as it proves longer than <paramref name="maxBytes"/>.</summary>
    private static async Task<string?> ReadAtMostAsync(HttpContent content, int maxBytes, CancellationToken ct)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        using var body = new MemoryStream();
        await using (var stream = await content.ReadAsStreamAsync(ct))
        {
            var chunk = new byte[81_920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    return null;
                }

                body.Write(chunk, 0, read);
            }
        }

        body.Position = 0;
        // UTF-8 (JSON's encoding), skipping a byte order mark, as ReadAsStringAsync did.
        using var reader = new StreamReader(body, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary><c>Retry-After</c> as a delay: delta seconds, or an HTTP date from now; never negative.</summary>
    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };
}
