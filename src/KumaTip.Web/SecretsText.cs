namespace KumaTip.Web;

/// <summary>Marker for the UI text of Resources → Secrets (Resources/SecretsText.ru.resx; keys are the English text).</summary>
public sealed class SecretsText;
