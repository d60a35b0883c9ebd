using KumaTip.Application.Common;
using Microsoft.Extensions.Localization;

namespace KumaTip.Web.Api;

/// <summary>An error's message in the reader's language, looked up by its format (or by the message itself).</summary>
public static class ErrorTranslation
{
    /// <summary>The first localizer that knows the message translates it; otherwise it stays as the service wrote it.</summary>
    public static Error TranslatedBy(this Error error, params IStringLocalizer[] texts)
    {
        var key = error.MessageFormat ?? error.Message;
        foreach (var text in texts)
        {
            var translated = text[key, [.. error.MessageArguments]];
            if (!translated.ResourceNotFound)
            {
                return error with { Message = translated.Value };
            }
        }

        return error;
    }
}
