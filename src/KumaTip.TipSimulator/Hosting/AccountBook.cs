using System.Security.Cryptography;
using System.Text;

namespace KumaTip.TipSimulator.Hosting;

internal enum AccountStanding
{
    Accepted,
    BadCredentials,
    TermsNotAccepted,
    NoApiAccess,
}

/// <summary>Checks the HTTP Basic credentials of a request against the configured accounts.</summary>
internal sealed class AccountBook(SimulatorOptions options)
{
    private readonly Dictionary<string, byte[]> _passwords =
        options.EffectiveAccounts.ToDictionary(account => account.UserName, account => Encoding.UTF8.GetBytes(account.Password), StringComparer.Ordinal);

    private readonly HashSet<string> _termsNotAccepted = [.. options.UsersWithoutAcceptedTerms];
    private readonly HashSet<string> _noApiAccess = [.. options.UsersWithoutApiAccess];

    public (AccountStanding Standing, string UserName) Check(string? authorization)
    {
        if (!TryReadBasic(authorization, out var userName, out var password)
            || !_passwords.TryGetValue(userName, out var expected)
            || !CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(password)))
        {
            return (AccountStanding.BadCredentials, userName);
        }

        var standing = _termsNotAccepted.Contains(userName) ? AccountStanding.TermsNotAccepted
            : _noApiAccess.Contains(userName) ? AccountStanding.NoApiAccess
            : AccountStanding.Accepted;
        return (standing, userName);
    }

    private static bool TryReadBasic(string? authorization, out string userName, out string password)
    {
        userName = password = "";
        const string Scheme = "Basic ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = authorization[Scheme.Length..].Trim();
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var length))
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(buffer, 0, length);
        var colon = decoded.IndexOf(':');
        if (colon < 0)
        {
            return false;
        }

        (userName, password) = (decoded[..colon], decoded[(colon + 1)..]);
        return true;
    }
}
