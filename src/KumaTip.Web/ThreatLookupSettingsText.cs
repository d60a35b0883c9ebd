namespace KumaTip.Web;

/// <summary>Marker for the UI text of Settings → Kaspersky Threat Lookup (Resources/ThreatLookupSettingsText.ru.resx; keys are the English text).</summary>
public sealed class ThreatLookupSettingsText;
