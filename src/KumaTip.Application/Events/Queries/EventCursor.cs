using System.Globalization;

namespace KumaTip.Application.Events.Queries;

/// <summary>
/// A position in the newest-first order of events: the (Timestamp, Id) of an event. Written as
/// <c>{unix microseconds}.{id}</c> in links and API answers; callers treat it as opaque.
/// </summary>
public readonly record struct EventCursor(DateTimeOffset Timestamp, long Id)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10}.{Id}");

    public static bool TryParse(string? text, out EventCursor cursor)
    {
        cursor = default;
        var dot = text?.IndexOf('.') ?? -1;
        if (dot <= 0
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var micros)
            || !long.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || micros < 0 || micros > 4_102_444_800_000_000)
        {
            return false;
        }

        cursor = new EventCursor(DateTimeOffset.UnixEpoch.AddTicks(micros * 10), id);
        return true;
    }
}
