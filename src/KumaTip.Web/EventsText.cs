namespace KumaTip.Web;

/// <summary>Marker for the events pages' resource files (Resources/EventsText.ru.resx).</summary>
public sealed class EventsText;
