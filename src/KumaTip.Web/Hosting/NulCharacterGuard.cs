using System.Text.Json;
using System.Text.Json.Serialization;
using KumaTip.Application.Common;
using KumaTip.Web.Api;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Localization;

namespace KumaTip.Web.Hosting;

/// <summary>
/// Text holding a NUL character (U+0000) is refused where it enters: PostgreSQL cannot store it in a text column and
/// failed with an error (a 500 and an ERR line) on a NUL in a name, a description, a user name or a search. No person
/// types one; the answer names the problem. Events have their own reader, which refuses such an item by its index.
/// </summary>
public static class NulCharacterGuard
{
    public const string Code = "nul_character";

    public const string Message = "A field holds a NUL character (U+0000), which KumaTip does not accept in text. Remove it and send again.";

    public static readonly Error Refused = new(Code, Message);

    /// <summary>Query strings, and forms already read by then (an upload's, read under its cap before binding).</summary>
    public static IApplicationBuilder UseNulCharacterGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var form = context.Features.Get<IFormFeature>() is { HasFormContentType: true } feature && request.HasFormContentType && feature.Form is { } read ? read : null;
        if (!request.Query.Any(q => HasNul(q.Value)) && form?.Any(f => HasNul(f.Value)) != true)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (request.Path.StartsWithSegments("/api"))
        {
            await TypedResults.Problem(ApiProblems.Create(Refused)).ExecuteAsync(context);
            return;
        }

        var text = context.RequestServices.GetRequiredService<IStringLocalizer<SharedText>>();
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text[Message], context.RequestAborted);
    });

    private static bool HasNul(Microsoft.Extensions.Primitives.StringValues values) => values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true);
}

/// <summary>Reads the API's JSON strings, refusing one with a NUL (a 400 <c>malformed_request</c> naming it).</summary>
public sealed class NulRefusingStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0', StringComparison.Ordinal) ? throw new JsonException(NulCharacterGuard.Message) : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
