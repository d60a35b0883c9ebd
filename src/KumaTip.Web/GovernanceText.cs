namespace KumaTip.Web;

/// <summary>Marker for licence governance's resource files (Resources/GovernanceText*.resx): usage, allocation, banner, refusals.</summary>
public sealed class GovernanceText;
