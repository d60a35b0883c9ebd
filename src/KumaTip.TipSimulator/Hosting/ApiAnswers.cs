using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KumaTip.TipSimulator.Hosting;

/// <summary>How the simulator writes JSON: PascalCase like TIP, enums as names, nulls kept.</summary>
internal static class ApiAnswers
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        // A misspelt fault setting must be refused, not silently do nothing.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // Nothing here is rendered as HTML; keep quotes and non-ASCII (IDN, Cyrillic) readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Task WriteErrorAsync(HttpContext context, int status, string message) =>
        WriteJsonAsync(context, status, new { Message = message });

    public static async Task WriteJsonAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, body.GetType(), Json, context.RequestAborted);
    }
}
