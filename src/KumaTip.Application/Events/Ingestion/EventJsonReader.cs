using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace KumaTip.Application.Events.Ingestion;

/// <summary>
/// Reads one element of a posted batch into an <see cref="Event"/>, or the list of everything wrong with it.
/// KUMA's field names are matched case-insensitively; every other property is kept, as sent, in <see cref="Event.Extra"/>.
/// </summary>
internal static class EventJsonReader
{
    private enum Kind
    {
        Timestamp,
        Text,
        Address,
        Port,
    }

    /// <param name="ExtractionField">For an address: the field of <see cref="EventObservableExtraction"/> that validates it.</param>
    private readonly record struct FieldReader(Kind Kind, int MaxLength, Action<Event, string?, int?> Set, int ExtractionField = -1);

    /// <summary>Longer property names are none of KUMA's fields (and go to Extra without being decoded).</summary>
    private const int MaxFieldNameBytes = 64;

    private static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, FieldReader> Fields =
        new(StringComparer.OrdinalIgnoreCase)
        {
            [nameof(Event.Timestamp)] = new(Kind.Timestamp, 0, (_, _, _) => { }),
            [nameof(Event.Name)] = new(Kind.Text, EventFieldLimits.Text, (e, s, _) => e.Name = s),
            [nameof(Event.DeviceVendor)] = new(Kind.Text, EventFieldLimits.Text, (e, s, _) => e.DeviceVendor = s),
            [nameof(Event.DeviceProduct)] = new(Kind.Text, EventFieldLimits.Text, (e, s, _) => e.DeviceProduct = s),
            [nameof(Event.DeviceEventCategory)] = new(Kind.Text, EventFieldLimits.Text, (e, s, _) => e.DeviceEventCategory = s),
            [nameof(Event.Severity)] = new(Kind.Text, 64, (e, s, _) => e.Severity = s),
            [nameof(Event.SourceAddress)] = new(Kind.Address, 64, (e, s, _) => e.SourceAddress = s, EventObservableExtraction.SourceAddress),
            [nameof(Event.SourcePort)] = new(Kind.Port, 0, (e, _, p) => e.SourcePort = p),
            [nameof(Event.SourceHostName)] = new(Kind.Text, EventFieldLimits.Text, (e, s, _) => e.SourceHostName = s),
            [nameof(Event.SourceUserName)] = new(Kind.Text, EventFieldLimits.Text, (e, s, _) => e.SourceUserName = s),
            [nameof(Event.DestinationAddress)] = new(Kind.Address, 64, (e, s, _) => e.DestinationAddress = s, EventObservableExtraction.DestinationAddress),
            [nameof(Event.DestinationPort)] = new(Kind.Port, 0, (e, _, p) => e.DestinationPort = p),
            [nameof(Event.DestinationHostName)] = new(Kind.Text, EventFieldLimits.Text, (e, s, _) => e.DestinationHostName = s),
            [nameof(Event.RequestUrl)] = new(Kind.Text, EventFieldLimits.RequestUrl, (e, s, _) => e.RequestUrl = s),
            [nameof(Event.FileHash)] = new(Kind.Text, 256, (e, s, _) => e.FileHash = s),
            [nameof(Event.FileName)] = new(Kind.Text, EventFieldLimits.Text, (e, s, _) => e.FileName = s),
            [nameof(Event.FilePath)] = new(Kind.Text, EventFieldLimits.Text, (e, s, _) => e.FilePath = s),
            [nameof(Event.Message)] = new(Kind.Text, EventFieldLimits.Message, (e, s, _) => e.Message = s),
        };

    // Property names are looked up as characters decoded on the stack: JsonProperty.Name would allocate a string for
    // every property of every event.
    private static readonly Dictionary<string, FieldReader>.AlternateLookup<ReadOnlySpan<char>> FieldsByName =
        Fields.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The writer of the other fields, reused event after event by the thread reading a batch.</summary>
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? _extra;

    /// <summary>Returns the event, or null and the reasons it cannot be stored.</summary>
    /// <param name="latest">The latest Timestamp accepted: the server's clock plus the senders' allowed skew.</param>
    /// <param name="memo">The batch's extraction memo: an address field is valid when extraction finds an IP in it.</param>
    /// <param name="kept">The tenant's retention: older events are refused (they would be deleted at once), or null.</param>
    public static Event? Read(JsonElement element, DateTimeOffset latest, List<string> errors, ExtractionMemo memo, RetainedSince? kept = null)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"An event must be a JSON object, not {Describe(element.ValueKind)}.");
            return null;
        }

        // Checked first, so that nothing below meets text it cannot decode or store.
        if (UnstorableText.Find(JsonMarshal.GetRawUtf8Value(element)) is not null)
        {
            ReportUnstorableText(element, errors);
            return null;
        }

        var e = new Event();
        var timestampSeen = false;
        Utf8JsonWriter? extra = null;
        Span<char> name = stackalloc char[MaxFieldNameBytes];
        foreach (var property in element.EnumerateObject())
        {
            if (TryGetField(property, name, out var canonical, out var field))
            {
                if (field.Kind == Kind.Timestamp)
                {
                    timestampSeen = true;
                    ReadTimestamp(property.Value, latest, kept, e, errors);
                }
                else
                {
                    ReadField(canonical, property.Value, field, e, errors, memo);
                }
            }
            else
            {
                if (extra is null)
                {
                    extra = ExtraWriter();
                    extra.WriteStartObject();
                }

                property.WriteTo(extra);
            }
        }

        if (extra is not null)
        {
            extra.WriteEndObject();
            extra.Flush();
            var written = _extra!.Value.Buffer.WrittenSpan;
            if (written.Length > EventFieldLimits.ExtraJson)
            {
                errors.Add($"The other fields take {written.Length} bytes as JSON; at most {EventFieldLimits.ExtraJson} are kept per event.");
            }
            else
            {
                e.Extra = Encoding.UTF8.GetString(written);
            }
        }

        if (!timestampSeen)
        {
            errors.Add("Timestamp is required.");
        }

        return errors.Count == 0 ? e : null;
    }

    /// <summary>Names each field (or field name) whose text cannot be stored, and why.</summary>
    private static void ReportUnstorableText(JsonElement element, List<string> errors)
    {
        Span<char> buffer = stackalloc char[MaxFieldNameBytes];
        foreach (var property in element.EnumerateObject())
        {
            if (UnstorableText.Find(JsonMarshal.GetRawUtf8PropertyName(property)) is { } inName)
            {
                errors.Add($"A field name {inName}.");
            }
            else if (UnstorableText.Find(JsonMarshal.GetRawUtf8Value(property.Value)) is { } inValue)
            {
                errors.Add($"{(TryGetField(property, buffer, out var canonical, out _) ? canonical : property.Name)} {inValue}.");
            }
        }
    }

    private static bool TryGetField(
        JsonProperty property, Span<char> buffer, out string canonical, out FieldReader field)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IndexOf((byte)'\\') >= 0)
        {
            // An escaped name (rare): decoded by the reader.
            return FieldsByName.TryGetValue(property.Name.AsSpan(), out canonical!, out field);
        }

        if (raw.Length <= buffer.Length && Encoding.UTF8.TryGetChars(raw, buffer, out var length))
        {
            return FieldsByName.TryGetValue(buffer[..length], out canonical!, out field);
        }

        canonical = "";
        field = default;
        return false;
    }

    /// <summary>The thread's writer for the other fields of an event, emptied.</summary>
    private static Utf8JsonWriter ExtraWriter()
    {
        // A buffer grown by an unusually large event is not kept.
        if (_extra is not { } extra || extra.Buffer.Capacity > 4 * EventFieldLimits.ExtraJson)
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            extra = (buffer, new Utf8JsonWriter(buffer));
            _extra = extra;
        }

        extra.Buffer.ResetWrittenCount();
        extra.Writer.Reset(extra.Buffer);
        return extra.Writer;
    }

    private static void ReadTimestamp(JsonElement value, DateTimeOffset latest, RetainedSince? kept, Event e, List<string> errors)
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
        else if (at > latest)
        {
            // It would head the newest-first list for as long as it stays in the future.
            errors.Add($"Timestamp {Utc(at)} is in the future: the latest accepted now is {Utc(latest)} (the server's clock plus {EventIngestionOptions.Section}:MaxClockSkew). Check the sender's clock.");
        }
        else if (kept is { } retention && at < retention.Earliest)
        {
            // It would be deleted by the next retention run; on PostgreSQL its day may have no partition any more.
            errors.Add($"Timestamp {Utc(at)} is older than the tenant keeps events ({retention.Days} days): the earliest accepted now is {Utc(retention.Earliest)}.");
        }
        else
        {
            // PostgreSQL keeps microseconds: truncating here makes a page cursor compare equal on both databases.
            var utc = at.ToUniversalTime();
            e.Timestamp = new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
        }
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? FromMilliseconds(long ms) =>
        ms is >= 0 and < 4_102_444_800_000 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private static void ReadField(
        string name, JsonElement value, FieldReader field, Event e, List<string> errors, ExtractionMemo memo)
    {
        var (kind, maxLength, set, extractionField) = field;
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
                errors.Add($"{name} must be an integer from 0 to 65535.");
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
            errors.Add($"{name} must be a string, not {Describe(value.ValueKind)}.");
            return;
        }

        if (text.Length > maxLength)
        {
            errors.Add($"{name} is {text.Length} characters long; at most {maxLength} are allowed.");
            return;
        }

        if (text.Length == 0)
        {
            return;
        }

        if (kind == Kind.Address
            && EventObservableExtraction.FromField(extractionField, text, memo).Length == 0)
        {
            errors.Add($"{name} '{Shorten(text)}' is not an IP address.");
            return;
        }

        set(e, text, null);
    }

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

/// <summary>A tenant's retention as ingestion applies it: events before <see cref="Earliest"/> are refused.</summary>
public readonly record struct RetainedSince(DateTimeOffset Earliest, int Days);
