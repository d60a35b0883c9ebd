using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace KumaTip.Application.Secrets.Sealing;

/// <summary>One master key: its id and its 32 bytes. Never leaves this folder.</summary>
internal sealed class MasterKey(string id, byte[] key, DateTimeOffset? createdAt)
{
    public string Id { get; } = id;

    public byte[] Key { get; } = key;

    public DateTimeOffset? CreatedAt { get; } = createdAt;

    public override string ToString() => Id;
}

/// <summary>Parsing and naming rules shared by the options validator, the key file and the ring.</summary>
internal static partial class MasterKeyMaterial
{
    public const int KeySize = 32;

    public const int MaxKeyIdLength = 64;

    /// <summary>Decodes a base64 master key; null when it is not base64 of exactly 32 bytes.</summary>
    public static byte[]? TryDecode(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        var buffer = new byte[(base64.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var written) || written != KeySize)
        {
            CryptographicOperations.ZeroMemory(buffer);
            return null;
        }

        var key = buffer[..KeySize];
        CryptographicOperations.ZeroMemory(buffer);
        return key;
    }

    /// <summary>Ids go into every wrapped key blob and into messages: short, printable, no separators.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxKeyIdLength && KeyIdPattern().IsMatch(id);

    public static string NewId(DateTimeOffset now) =>
        $"k-{now.UtcDateTime:yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>The id of a configured key without an explicit id: stable for the same key, different for another.</summary>
    public static string DerivedId(byte[] key)
    {
        // A keyed hash of a fixed label: the id reveals nothing usable about the key.
        var mac = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes("kumatip master key id"));
        return "k-cfg-" + Convert.ToHexStringLower(mac.AsSpan(0, 4));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();
}
