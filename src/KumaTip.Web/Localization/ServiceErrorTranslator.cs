using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using KumaTip.Application.Common;
using Microsoft.Extensions.Localization;

namespace KumaTip.Web.Localization;

/// <summary>
/// Says a service's error message in the reader's language. The services write their messages in English with the
/// values in them (the application layer knows no cultures, and API clients read English); the pages translate them
/// here, on the way out. A message is looked up whole first, then matched against the templates of
/// Resources/ServiceErrorText.ru.resx (<c>{0}</c> stands for a value); each value taken out of it is translated too when
/// it is itself a known text (a field's label, a menu path). A message no template matches stays English: better
/// untranslated than lost.
/// </summary>
public sealed class ServiceErrorTranslator(IStringLocalizer<ServiceErrorText> text)
{
    private static readonly ConcurrentDictionary<string, Template[]> TemplatesByCulture = new();

    public string Translate(string? message) =>
        string.IsNullOrEmpty(message) || CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"
            ? message ?? string.Empty
            : Translate(message, depth: 0);

    /// <summary>A refusal as plain text in the reader's language, for what scripts fetch into a page (the panel, its export).</summary>
    public IResult AsText(Error error) =>
        Results.Text(Translate(error.Message), "text/plain; charset=utf-8", statusCode: error.Kind == ErrorKind.NotFound ? 404 : 400);

    /// <summary>A value is translated like a message (a reason inside "'x' is not a valid domain: {reason}"), two levels deep at most.</summary>
    private string Translate(string message, int depth)
    {
        var whole = text[message];
        if (!whole.ResourceNotFound)
        {
            return whole.Value;
        }

        // A resource file keeps one of two names differing only in case ("secret", "Secret"): a word that opens a
        // sentence is looked up as written inside one, and capitalised back.
        if (message.Length > 1 && char.IsUpper(message[0]) && text[char.ToLowerInvariant(message[0]) + message[1..]] is { ResourceNotFound: false } inner)
        {
            return char.ToUpper(inner.Value[0], CultureInfo.CurrentCulture) + inner.Value[1..];
        }

        if (depth > 2)
        {
            return message;
        }

        foreach (var template in TemplatesByCulture.GetOrAdd(CultureInfo.CurrentUICulture.Name, _ => Load()))
        {
            var match = template.Pattern.Match(message);
            if (match.Success)
            {
                var values = Enumerable.Range(0, template.Count).Select(i => (object)Translate(match.Groups[$"v{i}"].Value, depth + 1)).ToArray();
                return string.Format(CultureInfo.CurrentCulture, template.Translation, values);
            }
        }

        return message;
    }

    /// <summary>The templates with values, the most specific (longest fixed text) first, so a general one cannot shadow it.</summary>
    private Template[] Load() =>
    [
        .. text.GetAllStrings(includeParentCultures: false)
            .Select(s => Template.From(s.Name, s.Value))
            .OfType<Template>()
            .OrderByDescending(t => t.FixedLength),
    ];

    private sealed record Template(Regex Pattern, string Translation, int Count, int FixedLength)
    {
        private static readonly Regex Placeholder = new(@"\{(\d+)\}", RegexOptions.CultureInvariant);

        public static Template? From(string key, string translation)
        {
            var parts = Placeholder.Split(key);
            if (parts.Length == 1)
            {
                return null;
            }

            var pattern = new System.Text.StringBuilder("^");
            var seen = new HashSet<int>();
            var fixedLength = 0;
            for (var i = 0; i < parts.Length; i++)
            {
                if (i % 2 == 0)
                {
                    pattern.Append(Regex.Escape(parts[i]));
                    fixedLength += parts[i].Length;
                    continue;
                }

                var index = int.Parse(parts[i], CultureInfo.InvariantCulture);
                pattern.Append(seen.Add(index) ? $"(?<v{index}>.*?)" : $@"\k<v{index}>");
            }

            return fixedLength == 0
                ? null
                : new Template(new Regex(pattern.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)), translation, seen.Count, fixedLength);
        }
    }
}
