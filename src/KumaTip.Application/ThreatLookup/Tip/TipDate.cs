namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary>
/// A date from an answer: <see cref="Utc"/> when it could be read (TIP dates are UTC), and always the text
/// as it came, so a date in an unexpected format is still shown rather than lost.
/// </summary>
public sealed record TipDate(string Raw, DateTimeOffset? Utc)
{
    public override string ToString() => Utc?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? Raw;
}
