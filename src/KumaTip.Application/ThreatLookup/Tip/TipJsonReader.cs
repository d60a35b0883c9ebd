using System.Globalization;
using System.Text.Json;

namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary>
/// Forgiving reads from an answer whose shape is only partly published: member names match without regard to
/// case, null counts as missing, numbers may come as strings and strings as numbers, a single object stands for a
/// one-element list. Nothing here throws on unexpected content; it yields null or an empty list instead.
/// </summary>
internal static class TipJsonReader
{
    // Epoch values above this are taken as milliseconds (as seconds they would fall after the year 5000).
    private const long MillisecondsThreshold = 100_000_000_000;

    public static bool TryGetMember(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object)
        {
            if (obj.TryGetProperty(name, out value) && !IsNull(value))
            {
                return true;
            }

            foreach (var member in obj.EnumerateObject())
            {
                if (string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase) && !IsNull(member.Value))
                {
                    value = member.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>The first of <paramref name="names"/> present and not null (for fields known under two names).</summary>
    public static JsonElement? Member(JsonElement obj, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (TryGetMember(obj, name, out var value))
            {
                return value;
            }
        }

        return null;
    }

    public static string? ReadString(JsonElement obj, params ReadOnlySpan<string> names) =>
        Member(obj, names) is { } value ? AsString(value) : null;

    public static long? ReadLong(JsonElement obj, string name) =>
        Member(obj, name) is { } value ? AsLong(value) : null;

    public static int? ReadInt(JsonElement obj, string name) =>
        ReadLong(obj, name) is { } number && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;

    public static bool? ReadBool(JsonElement obj, string name) =>
        Member(obj, name) is { } value ? AsBool(value) : null;

    public static TipDate? ReadDate(JsonElement obj, string name) =>
        Member(obj, name) is { } value ? AsDate(value) : null;

    public static TipZone ReadZone(JsonElement obj, string name) => TipZones.Parse(ReadString(obj, name));

    public static IReadOnlyList<string> ReadStrings(JsonElement obj, string name) =>
        Member(obj, name) is { } value ? AsStrings(value) : [];

    public static IReadOnlyList<T> ReadList<T>(JsonElement obj, string name, Func<JsonElement, T?> item)
        where T : class =>
        Member(obj, name) is { } value ? AsList(value, item) : [];

    public static T? ReadObject<T>(JsonElement obj, string name, Func<JsonElement, T> read)
        where T : class =>
        Member(obj, name) is { } value ? AsObject(value, read) : null;

    /// <summary>Text of a scalar; a list of scalars is joined with ", " (WHOIS addresses come either way).</summary>
    public static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => AsStrings(value) is { Count: > 0 } parts ? string.Join(", ", parts) : null,
        _ => null,
    };

    public static long? AsLong(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                if (value.TryGetInt64(out var whole))
                {
                    return whole;
                }

                return value.TryGetDouble(out var real) ? Truncate(real) : null;
            case JsonValueKind.String:
                var text = value.GetString()!.Trim();
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsedReal) ? Truncate(parsedReal) : null;
            default:
                return null;
        }
    }

    public static bool? AsBool(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.TryGetInt64(out var number) ? number != 0 : null,
        JsonValueKind.String => value.GetString()!.Trim().ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" => true,
            "FALSE" or "0" or "NO" => false,
            _ => null,
        },
        _ => null,
    };

    /// <summary>ISO 8601 text (UTC unless it says otherwise) or Unix time in seconds or milliseconds.</summary>
    public static TipDate? AsDate(JsonElement value)
    {
        string raw;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                raw = value.GetString()!;
                break;
            case JsonValueKind.Number:
                raw = value.GetRawText();
                break;
            default:
                return null;
        }

        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var text = raw.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var epoch))
        {
            return new TipDate(raw, FromEpoch(epoch));
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? new TipDate(raw, parsed.ToUniversalTime())
            : new TipDate(raw, null);
    }

    public static IReadOnlyList<string> AsStrings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => [.. value.EnumerateArray().Where(e => e.ValueKind != JsonValueKind.Array).Select(AsString).OfType<string>()],
        JsonValueKind.String or JsonValueKind.Number => [AsString(value)!],
        _ => [],
    };

    /// <summary>The items of a list; a lone object (or scalar) where a list was expected is a list of one.</summary>
    public static IReadOnlyList<T> AsList<T>(JsonElement value, Func<JsonElement, T?> item)
        where T : class => value.ValueKind switch
        {
            JsonValueKind.Array => [.. value.EnumerateArray().Where(e => !IsNull(e)).Select(item).OfType<T>()],
            JsonValueKind.Null or JsonValueKind.Undefined => [],
            _ => item(value) is { } single ? [single] : [],
        };

    /// <summary>An object; a list where one object was expected yields its first object.</summary>
    public static T? AsObject<T>(JsonElement value, Func<JsonElement, T> read)
        where T : class => value.ValueKind switch
        {
            JsonValueKind.Object => read(value),
            JsonValueKind.Array => value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(read).FirstOrDefault(),
            _ => null,
        };

    private static bool IsNull(JsonElement value) => value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    private static long? Truncate(double real) =>
        double.IsFinite(real) && real is >= long.MinValue and <= long.MaxValue ? (long)real : null;

    private static DateTimeOffset? FromEpoch(long epoch)
    {
        var milliseconds = Math.Abs(epoch) >= MillisecondsThreshold ? epoch : epoch * 1000;
        var min = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
        var max = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
        return milliseconds >= min && milliseconds <= max ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
    }
}
