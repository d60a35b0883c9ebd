using KumaTip.Web.Localization;

namespace KumaTip.Web.Pages.ThreatLookup.Panel;

/// <summary>What the panel partial renders: the panel, the tenant a Refresh data task is for, and the reader's time zone.</summary>
public sealed record PanelView(ObservablePanel Panel, TenantChoice Tenant, TimeZoneInfo TimeZone)
{
    /// <summary>A time in the reader's zone and language, as KUMA shows it (Russian: 25.02.2025 13:25).</summary>
    public string Local(DateTimeOffset time) => LocalTime.Format(TimeZone, time);
}

/// <summary>One piece of the panel and the panel it belongs to, for the recursive node partial.</summary>
public sealed record PanelNodeView(PanelNode Node, PanelView View);
