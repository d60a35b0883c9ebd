namespace KumaTip.Application.Events;

/// <summary>How long event values may be: enough for real events, small enough that a page of events stays small.</summary>
public static class EventFieldLimits
{
    public const int Text = 4_096;

    public const int RequestUrl = 8_192;

    public const int Message = 65_536;

    /// <summary>The other fields together, as JSON.</summary>
    public const int ExtraJson = 65_536;

    /// <summary>Longer observable keys are not indexed (a btree entry must fit a third of a PostgreSQL page).</summary>
    public const int ObservableKey = 2_100;
}
