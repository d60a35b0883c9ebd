using System.Buffers;
using KumaTip.Application.Common;

namespace KumaTip.Application.Observables;

/// <summary>MD5, SHA1 and SHA256 file hashes: told apart by length, normalised to lower-case hex.</summary>
internal static class HashParser
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>
    /// Whether a value is meant as a hash: only hex digits, and either long enough to be one or with a digit in it.
    /// A short all-letter word such as <c>cafe</c> or <c>beef</c> is a host name, not a mistyped hash.
    /// </summary>
    public static bool LooksLikeHash(string text) =>
        text.Length > 0 && !text.AsSpan().ContainsAnyExcept(HexDigits) && (text.Length >= 32 || text.AsSpan().ContainsAnyInRange('0', '9'));

    public static Result<Observable> Parse(string text)
    {
        var wrong = text.AsSpan().IndexOfAnyExcept(HexDigits);
        if (wrong >= 0)
        {
            return ObservableErrors.InvalidHash(text, $"'{text[wrong]}' is not a hex digit (0-9, a-f)");
        }

        ObservableType? type = text.Length switch
        {
            32 => ObservableType.Md5,
            40 => ObservableType.Sha1,
            64 => ObservableType.Sha256,
            _ => null,
        };
        if (type is null)
        {
            return ObservableErrors.InvalidHash(text, $"{text.Length} hex characters, expected 32, 40 or 64");
        }

        var value = text.ToLowerInvariant();
        return new Observable(type.Value, value, value);
    }
}
