using KumaTip.Application.Common;
using KumaTip.Web.Localization;

namespace KumaTip.Web.Api;

/// <summary>An error the API answers in the caller's language (<c>Accept-Language</c>), as the pages show it.</summary>
public static class ErrorTranslation
{
    public static Error TranslatedBy(this Error error, ServiceErrorTranslator translator) => error with { Message = translator.Translate(error.Message) };
}
