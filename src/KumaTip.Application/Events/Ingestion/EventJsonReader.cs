using System.Buffers;
using System.Globalization;
using System.Text.Json;
using KumaTip.Application.Observables;

namespace KumaTip.Application.Events.Ingestion;

/// <summary>
/// Reads one element of a posted batch into an <see cref="Event"/>, or the list of everything wrong with it.
/// KUMA's field names are matched case-insensitively; every other property is kept, as sent, in <see cref="Event.Extra"/>.
/// </summary>
internal static class EventJsonReader
{
    private enum Kind
    {
        Text,
        Address,
        Port,
    }

    private static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, (Kind Kind, int MaxLength, Action<Event, string?, int?> Set)> Fields =
        new(StringComparer.OrdinalIgnoreCase)
        {
            [nameof(Event.Name)] = (Kind.Text, EventFieldLimits.Text, (e, s, _) => e.Name = s),
            [nameof(Event.DeviceVendor)] = (Kind.Text, EventFieldLimits.Text, (e, s, _) => e.DeviceVendor = s),
            [nameof(Event.DeviceProduct)] = (Kind.Text, EventFieldLimits.Text, (e, s, _) => e.DeviceProduct = s),
            [nameof(Event.DeviceEventCategory)] = (Kind.Text, EventFieldLimits.Text, (e, s, _) => e.DeviceEventCategory = s),
            [nameof(Event.Severity)] = (Kind.Text, 64, (e, s, _) => e.Severity = s),
            [nameof(Event.SourceAddress)] = (Kind.Address, 64, (e, s, _) => e.SourceAddress = s),
            [nameof(Event.SourcePort)] = (Kind.Port, 0, (e, _, p) => e.SourcePort = p),
            [nameof(Event.SourceHostName)] = (Kind.Text, EventFieldLimits.Text, (e, s, _) => e.SourceHostName = s),
            [nameof(Event.SourceUserName)] = (Kind.Text, EventFieldLimits.Text, (e, s, _) => e.SourceUserName = s),
            [nameof(Event.DestinationAddress)] = (Kind.Address, 64, (e, s, _) => e.DestinationAddress = s),
            [nameof(Event.DestinationPort)] = (Kind.Port, 0, (e, _, p) => e.DestinationPort = p),
            [nameof(Event.DestinationHostName)] = (Kind.Text, EventFieldLimits.Text, (e, s, _) => e.DestinationHostName = s),
            [nameof(Event.RequestUrl)] = (Kind.Text, EventFieldLimits.RequestUrl, (e, s, _) => e.RequestUrl = s),
            [nameof(Event.FileHash)] = (Kind.Text, 256, (e, s, _) => e.FileHash = s),
            [nameof(Event.FileName)] = (Kind.Text, EventFieldLimits.Text, (e, s, _) => e.FileName = s),
            [nameof(Event.FilePath)] = (Kind.Text, EventFieldLimits.Text, (e, s, _) => e.FilePath = s),
            [nameof(Event.Message)] = (Kind.Text, EventFieldLimits.Message, (e, s, _) => e.Message = s),
        };

    /// <summary>Returns the event, or null and the reasons it cannot be stored.</summary>
    public static Event? Read(JsonElement element, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"An event must be a JSON object, not {Describe(element.ValueKind)}.");
            return null;
        }

        var e = new Event();
        var timestampSeen = false;
        ArrayBufferWriter<byte>? extraBuffer = null;
        Utf8JsonWriter? extra = null;
        try
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, nameof(Event.Timestamp), StringComparison.OrdinalIgnoreCase))
                {
                    timestampSeen = true;
                    ReadTimestamp(property.Value, e, errors);
                }
                else if (Fields.TryGetValue(property.Name, out var field))
                {
                    ReadField(property.Name, property.Value, field.Kind, field.MaxLength, field.Set, e, errors);
                }
                else
                {
                    if (extra is null)
                    {
                        extraBuffer = new ArrayBufferWriter<byte>(256);
                        extra = new Utf8JsonWriter(extraBuffer);
                        extra.WriteStartObject();
                    }

                    property.WriteTo(extra);
                }
            }

            if (extra is not null)
            {
                extra.WriteEndObject();
                extra.Flush();
                if (extraBuffer!.WrittenCount > EventFieldLimits.ExtraJson)
                {
                    errors.Add($"The other fields take {extraBuffer.WrittenCount} bytes as JSON; at most {EventFieldLimits.ExtraJson} are kept per event.");
                }
                else
                {
                    e.Extra = System.Text.Encoding.UTF8.GetString(extraBuffer.WrittenSpan);
                }
            }
        }
        finally
        {
            extra?.Dispose();
        }

        if (!timestampSeen)
        {
            errors.Add("Timestamp is required.");
        }

        return errors.Count == 0 ? e : null;
    }

    private static void ReadTimestamp(JsonElement value, Event e, List<string> errors)
    {
        DateTimeOffset? parsed = value.ValueKind switch
        {
            // KUMA writes Timestamp as milliseconds since the Unix epoch.
            JsonValueKind.Number when value.TryGetInt64(out var ms) => FromMilliseconds(ms),
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) => FromMilliseconds(ms),
            JsonValueKind.String when DateTimeOffset.TryParse(
                value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) => at,
            _ => null,
        };

        if (value.ValueKind == JsonValueKind.Null)
        {
            errors.Add("Timestamp is required.");
        }
        else if (parsed is not { } at || at < Earliest || at >= Latest)
        {
            errors.Add("Timestamp must be an ISO 8601 date and time (e.g. 2026-11-28T08:00:00Z) or milliseconds since 1970-01-01, between 1970 and 2100.");
        }
        else
        {
            // PostgreSQL keeps microseconds: truncating here makes a page cursor compare equal on both databases.
            var utc = at.ToUniversalTime();
            e.Timestamp = new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
        }
    }

    private static DateTimeOffset? FromMilliseconds(long ms) =>
        ms is >= 0 and < 4_102_444_800_000 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private static void ReadField(
        string name, JsonElement value, Kind kind, int maxLength, Action<Event, string?, int?> set, Event e, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (kind == Kind.Port)
        {
            int? port = value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetInt32(out var n) => n,
                JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
                _ => null,
            };
            if (port is >= 0 and <= 65535)
            {
                set(e, null, port);
            }
            else
            {
                errors.Add($"{Canonical(name)} must be an integer from 0 to 65535.");
            }

            return;
        }

        // Numbers and booleans are accepted as their text: collectors are not always careful with types.
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
        if (text is null)
        {
            errors.Add($"{Canonical(name)} must be a string, not {Describe(value.ValueKind)}.");
            return;
        }

        if (text.Length > maxLength)
        {
            errors.Add($"{Canonical(name)} is {text.Length} characters long; at most {maxLength} are allowed.");
            return;
        }

        if (text.Length == 0)
        {
            return;
        }

        if (kind == Kind.Address && ObservableParser.Parse(text).Value is not { Category: ObservableCategory.Ip })
        {
            errors.Add($"{Canonical(name)} '{Shorten(text)}' is not an IP address.");
            return;
        }

        set(e, text, null);
    }

    private static string Canonical(string name) => Fields.TryGetValue(name, out _) ? Fields.Keys.First(k => k.Equals(name, StringComparison.OrdinalIgnoreCase)) : name;

    private static string Shorten(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 63), "…");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
