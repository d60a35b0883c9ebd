namespace KumaTip.Web;

/// <summary>
/// Marker for the translations of the services' error messages (Resources/ServiceErrorText.ru.resx): each key is an
/// English message, with <c>{0}</c>, <c>{1}</c>… where it carries values; see <see cref="Localization.ServiceErrorTranslator"/>.
/// </summary>
public sealed class ServiceErrorText;
