namespace KumaTip.Web;

/// <summary>Marker for the UI text of Resources → Proxies (Resources/ProxiesText.ru.resx; keys are the English text).</summary>
public sealed class ProxiesText;
