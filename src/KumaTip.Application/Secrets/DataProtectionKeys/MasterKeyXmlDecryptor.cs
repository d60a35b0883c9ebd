using System.Security.Cryptography;
using System.Xml.Linq;
using KumaTip.Application.Secrets.Sealing;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.Application.Secrets.DataProtectionKeys;

/// <summary>
/// Opens what <see cref="MasterKeyXmlEncryptor"/> sealed. The framework creates it from the type name stored in each
/// key (<c>decryptorType</c>), so renaming or moving this class makes the stored keys unreadable.
/// </summary>
/// <remarks>
/// A key sealed with a master key the ring does not hold cannot be opened: the app refuses to start in that case
/// (<see cref="Rotation.MasterKeyUsage"/>), as it does for secrets, rather than silently creating a new key and
/// signing everyone out.
/// </remarks>
public sealed class MasterKeyXmlDecryptor : IXmlDecryptor
{
    private readonly SecretSealer _sealer;

    /// <summary>The Data Protection activator calls this constructor with the application's services.</summary>
    public MasterKeyXmlDecryptor(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _sealer = services.GetRequiredService<SecretSealer>();
    }

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var element = SealedKeyElement.TryRead(encryptedElement)
            ?? throw new CryptographicException("A stored Data Protection key cannot be decrypted: its sealed element is damaged or has an unknown format.");

        var opened = _sealer.Unseal(element.WrappedDataKey, element.Context, element.SealedValue);
        if (!opened.Succeeded)
        {
            // The message names the master key id and where to restore it; it never holds key bytes.
            throw new CryptographicException(opened.Error!.Message);
        }

        var plaintext = opened.Value!;
        try
        {
            using var stream = new MemoryStream(plaintext, writable: false);
            return XElement.Load(stream);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
