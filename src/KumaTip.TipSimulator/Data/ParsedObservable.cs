namespace KumaTip.TipSimulator.Data;

/// <summary>A checked request value (normalised), or why TIP refuses it (400, or 414 for an overlong URL).</summary>
internal readonly record struct ParsedObservable(string? Value, int Status, string? Error)
{
    public bool IsValid => Value is not null;

    public static ParsedObservable Valid(string value) => new(value, 200, null);

    public static ParsedObservable Invalid(string error, int status = 400) => new(null, status, error);
}
