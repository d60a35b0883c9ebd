using System.Security.Cryptography;
using System.Text;

namespace KumaTip.TipSimulator.Data;

/// <summary>One file's three hashes (lower-case hex); a lookup by any of them answers the same file.</summary>
public sealed record FileIdentity(string Md5, string Sha1, string Sha256)
{
    /// <summary>The real hashes of a text's UTF-8 bytes.</summary>
    public static FileIdentity OfContent(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
#pragma warning disable CA5350, CA5351 // TIP identifies files by MD5 and SHA1; nothing here relies on their strength.
        return new(Convert.ToHexStringLower(MD5.HashData(bytes)), Convert.ToHexStringLower(SHA1.HashData(bytes)), Convert.ToHexStringLower(SHA256.HashData(bytes)));
#pragma warning restore CA5350, CA5351
    }
}
