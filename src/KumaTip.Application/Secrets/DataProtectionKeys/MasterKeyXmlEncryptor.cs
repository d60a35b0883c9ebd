using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using KumaTip.Application.Secrets.Sealing;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace KumaTip.Application.Secrets.DataProtectionKeys;

/// <summary>
/// Seals the secret part of every new ASP.NET Core Data Protection key (the keys behind sign-in cookies and
/// antiforgery tokens) with the master key ring before the key is stored in the database, so a copy of the
/// database alone cannot forge a cookie. The framework calls it for each element marked <c>requiresEncryption</c>.
/// </summary>
public sealed class MasterKeyXmlEncryptor(SecretSealer sealer) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var sealId = Guid.NewGuid();
        var wrappedDataKey = sealer.NewWrappedDataKey(SealedKeyElement.ObjectType, sealId);
        var context = new SealedKeyElement(sealId, wrappedDataKey, []).Context;
        var plaintext = ToBytes(plaintextElement);
        try
        {
            var sealedValue = sealer.Seal(wrappedDataKey, context, plaintext);
            if (!sealedValue.Succeeded)
            {
                // The data key was wrapped a moment ago with the active key; failing to open it is not an expected case.
                throw new CryptographicException(sealedValue.Error!.Message);
            }

            var element = new SealedKeyElement(sealId, wrappedDataKey, sealedValue.Value!);
            return new EncryptedXmlInfo(element.ToXml(sealer.KeyIdOf(wrappedDataKey)!), typeof(MasterKeyXmlDecryptor));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] ToBytes(XElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false }))
        {
            element.WriteTo(writer);
        }

        // The stream's own buffer holds the key too: copy out, then wipe it.
        var bytes = buffer.ToArray();
        CryptographicOperations.ZeroMemory(buffer.GetBuffer());
        return bytes;
    }
}
