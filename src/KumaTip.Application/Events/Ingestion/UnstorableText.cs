using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace KumaTip.Application.Events.Ingestion;

/// <summary>
/// Finds, in raw JSON, text that no event can hold: bytes that are not UTF-8, and escapes that decode to a NUL or to
/// an unpaired surrogate (<c>"\ud800"</c>). <c>JsonDocument</c> accepts all three (it checks neither UTF-8 nor
/// surrogate pairs); reading such a string then throws, <c>Utf8JsonWriter</c> silently replaces bad bytes with U+FFFD,
/// and PostgreSQL refuses a NUL in <c>text</c>, which failed the whole batch's COPY. TIP cannot look such text up either.
/// </summary>
internal static class UnstorableText
{
    /// <summary>What is wrong with the text in <paramref name="json"/> (a value or a property name), or null.</summary>
    /// <remarks>Cheap for clean input, so it runs on every event: one vectorised UTF-8 check, one search for a backslash.</remarks>
    public static string? Find(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            return $"holds bytes that are not UTF-8 (from byte {FirstInvalidByte(json)} of its JSON)";
        }

        // In valid JSON a backslash only ever starts an escape, and \u is followed by four hex digits.
        for (var at = json.IndexOf((byte)'\\'); at >= 0; at = Next(json, at))
        {
            if (json[at + 1] != (byte)'u')
            {
                at += 2;
                continue;
            }

            var unit = Escaped(json, at);
            if (unit == 0)
            {
                return "holds a NUL character (\\u0000), which an event cannot store";
            }

            if (char.IsHighSurrogate(unit) && at + 12 <= json.Length && json[at + 6] == (byte)'\\' && json[at + 7] == (byte)'u'
                && char.IsLowSurrogate(Escaped(json, at + 6)))
            {
                at += 12;
                continue;
            }

            if (char.IsSurrogate(unit))
            {
                return $"holds an unpaired surrogate (\\u{(int)unit:X4}), which is not text";
            }

            at += 6;
        }

        return null;
    }

    /// <summary>The next backslash at or after <paramref name="from"/>, or -1.</summary>
    private static int Next(ReadOnlySpan<byte> json, int from)
    {
        var found = json[from..].IndexOf((byte)'\\');
        return found < 0 ? -1 : from + found;
    }

    private static char Escaped(ReadOnlySpan<byte> json, int backslash) =>
        (char)ushort.Parse(json.Slice(backslash + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    private static int FirstInvalidByte(ReadOnlySpan<byte> json)
    {
        var at = 0;
        while (Rune.DecodeFromUtf8(json[at..], out _, out var consumed) == OperationStatus.Done)
        {
            at += consumed;
        }

        return at;
    }
}
