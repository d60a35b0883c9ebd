using System.Text.RegularExpressions;

namespace KumaTip.Application.Observables;

/// <summary>
/// Undoes what copying and pasting adds around a value (spaces, quotes, invisible characters) and what analysts
/// do to make indicators safe to share ("defanging": <c>hxxp://</c>, <c>example[.]com</c>, <c>1.2.3[.]4</c>).
/// </summary>
internal static partial class InputCleaning
{
    // Zero-width characters come along when a value is copied from web pages and chat; they are never part of one.
    private static readonly char[] Invisible = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];

    private static readonly (char Open, char Close)[] QuotePairs = [('"', '"'), ('\'', '\''), ('`', '`'), ('<', '>'), ('«', '»'), ('“', '”')];

    /// <summary>Trims white space and invisible characters and one pair of surrounding quotes or angle brackets.</summary>
    public static string Trim(string input)
    {
        var text = TrimSpaceAndInvisible(input);
        foreach (var (open, close) in QuotePairs)
        {
            if (text.Length >= 2 && text[0] == open && text[^1] == close)
            {
                return TrimSpaceAndInvisible(text[1..^1]);
            }
        }

        return text;
    }

    /// <summary>Turns a defanged value back into the real one; a value without defanging comes back unchanged.</summary>
    public static string Refang(string text)
    {
        text = RefangScheme(text);
        return text.AsSpan().IndexOfAny("[({") < 0 ? text : DefangToken().Replace(text, static m => Replacement(m.ValueSpan));
    }

    private static string TrimSpaceAndInvisible(string text)
    {
        var trimmed = text.AsSpan();
        while (trimmed.Length > 0 && (char.IsWhiteSpace(trimmed[0]) || Array.IndexOf(Invisible, trimmed[0]) >= 0))
        {
            trimmed = trimmed[1..];
        }

        while (trimmed.Length > 0 && (char.IsWhiteSpace(trimmed[^1]) || Array.IndexOf(Invisible, trimmed[^1]) >= 0))
        {
            trimmed = trimmed[..^1];
        }

        return trimmed.Length == text.Length ? text : trimmed.ToString();
    }

    // hxxp://, hXXps[:]//, fxp:// (the scheme is lower-cased later, with the rest of the URL's normalisation).
    private static string RefangScheme(string text)
    {
        var match = DefangedScheme().Match(text);
        return match.Success ? string.Concat(match.Groups["real"].Value is "f" or "F" ? "ftp" : "http", text.AsSpan(match.Length)) : text;
    }

    private static string Replacement(ReadOnlySpan<char> token) => token switch
    {
        "[:]" => ":",
        "[/]" => "/",
        "[://]" => "://",
        _ => ".",
    };

    [GeneratedRegex(@"^(?:(?<real>h)xxp|(?<real>f)xp)(?=s?(?::|\[:))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DefangedScheme();

    // A defanged dot is sometimes written with spaces around it ("example [.] com"); they go with it.
    [GeneratedRegex(@" ?(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}) ?|\[:\]|\[/\]|\[://\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DefangToken();
}
