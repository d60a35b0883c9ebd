using System.Security.Cryptography;
using System.Text;

namespace KumaTip.Web.Hosting;

/// <summary>
/// The door of the Prometheus scrape endpoint: <c>Authorization: Bearer {Telemetry:Prometheus:BearerToken}</c>, or 401.
/// Hashes are compared, in constant time, so neither the token's length nor its first wrong character shows in the
/// time of a refusal.
/// </summary>
internal sealed class ScrapeTokenCheck(string token)
{
    private const string Scheme = "Bearer ";

    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim()));

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim())), _expected))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
