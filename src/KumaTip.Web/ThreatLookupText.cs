namespace KumaTip.Web;

/// <summary>Marker for the Threat Lookup pages' and the task manager's resource files (Resources/ThreatLookupText*.resx).</summary>
public sealed class ThreatLookupText;
