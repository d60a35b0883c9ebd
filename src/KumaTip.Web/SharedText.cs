namespace KumaTip.Web;

/// <summary>Marker for the shell's resource files (Resources/SharedText.resx and SharedText.ru.resx).</summary>
public sealed class SharedText;
