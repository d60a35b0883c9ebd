using KumaTip.Application.Common;
using Microsoft.Extensions.Localization;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>
/// What is wrong with a value pasted into the header search or a line of the bulk form, in the reader's language. The
/// parser's own message (English, with the details of what is wrong) is shown where no translation of its code exists.
/// </summary>
public static class ObservableErrorText
{
    /// <summary>A pasted log line is quoted shortened, as the parser's own messages do.</summary>
    private const int MaxQuotedLength = 80;

    public static string Describe(this IStringLocalizer text, Error error, string input)
    {
        var quoted = input.Length <= MaxQuotedLength ? input : string.Concat(input.AsSpan(0, MaxQuotedLength - 1), "…");
        var localized = text["ObservableError." + error.Code, quoted, input.Length];
        return localized.ResourceNotFound ? error.Message : localized.Value;
    }
}
