namespace KumaTip.Web.Pages.ThreatLookup.Panel;

/// <summary>What the panel partial renders: the panel and the tenant a Refresh data task is for.</summary>
public sealed record PanelView(ObservablePanel Panel, TenantChoice Tenant);
