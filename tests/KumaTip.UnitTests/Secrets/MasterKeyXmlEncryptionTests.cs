using System.Security.Cryptography;
using System.Xml.Linq;
using KumaTip.Application.Secrets.DataProtectionKeys;
using KumaTip.Application.Secrets.Sealing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.UnitTests.Secrets;

/// <summary>The Data Protection key XML sealed with the master key ring, alone and inside the real framework.</summary>
public sealed class MasterKeyXmlEncryptionTests : IDisposable
{
    private static readonly XNamespace Framework = "http://schemas.asp.net/2015/03/dataProtection";

    private readonly TemporaryDataDirectory _data = new();
    private readonly TemporaryDataDirectory _otherData = new();
    private readonly string _keyRingFolder = Path.Combine(Path.GetTempPath(), "kumatip-tests", "dp-" + Guid.NewGuid().ToString("N"));
    private readonly MasterKeyRing _ring;
    private readonly string _keyMaterial = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    public MasterKeyXmlEncryptionTests()
    {
        _ring = _data.NewRing();
    }

    public void Dispose()
    {
        _data.Dispose();
        _otherData.Dispose();
        if (Directory.Exists(_keyRingFolder))
        {
            Directory.Delete(_keyRingFolder, recursive: true);
        }
    }

    [Fact]
    public void A_sealed_key_element_hides_the_key_material_names_its_master_key_and_opens_to_the_same_element()
    {
        var encrypted = new MasterKeyXmlEncryptor(new SecretSealer(_ring)).Encrypt(MasterKeyElement());

        Assert.Equal(typeof(MasterKeyXmlDecryptor), encrypted.DecryptorType);
        Assert.DoesNotContain(_keyMaterial, encrypted.EncryptedElement.ToString(), StringComparison.Ordinal);
        Assert.Equal(_ring.ActiveKeyId, (string?)encrypted.EncryptedElement.Attribute("masterKeyId"));
        var opened = Decryptor(_ring).Decrypt(encrypted.EncryptedElement);
        Assert.Equal("masterKey", opened.Name);
        Assert.Equal("true", (string?)opened.Attribute(Framework + "requiresEncryption"));
        Assert.Equal(_keyMaterial, opened.Element("value")?.Value);
    }

    [Fact]
    public void Another_master_key_cannot_open_it_and_the_error_names_the_missing_key_but_no_key_material()
    {
        var encrypted = new MasterKeyXmlEncryptor(new SecretSealer(_ring)).Encrypt(MasterKeyElement()).EncryptedElement;

        var error = Assert.Throws<CryptographicException>(() => Decryptor(_otherData.NewRing()).Decrypt(encrypted));

        Assert.Contains($"master key '{_ring.ActiveKeyId}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_keyMaterial, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sealedValue")]
    [InlineData("dataKey")]
    [InlineData("sealId")]
    public void An_altered_sealed_element_is_refused(string part)
    {
        var encrypted = new MasterKeyXmlEncryptor(new SecretSealer(_ring)).Encrypt(MasterKeyElement()).EncryptedElement;
        if (part == "sealId")
        {
            encrypted.SetAttributeValue("sealId", Guid.NewGuid().ToString("D"));
        }
        else
        {
            var element = encrypted.Elements().Single(e => e.Name.LocalName == part);
            var bytes = Convert.FromBase64String(element.Value);
            bytes[^1] ^= 0x01;
            element.Value = Convert.ToBase64String(bytes);
        }

        Assert.Throws<CryptographicException>(() => Decryptor(_ring).Decrypt(encrypted));
    }

    [Fact]
    public void Within_the_framework_keys_are_stored_sealed_and_read_back_and_keys_stored_in_the_clear_still_read()
    {
        var legacyFolder = Path.Combine(_keyRingFolder, "legacy");
        var legacyPayload = Protector(legacyFolder, ring: null).Protect("signed in before the upgrade");
        var sealedFolder = Path.Combine(_keyRingFolder, "sealed");
        var payload = Protector(sealedFolder, _ring).Protect("signed in after the upgrade");

        var stored = Directory.GetFiles(sealedFolder, "key-*.xml").Select(XElement.Load).Single();
        var encrypted = stored.Descendants(Framework + "encryptedSecret").Single();

        Assert.Equal("signed in before the upgrade", Protector(legacyFolder, _ring).Unprotect(legacyPayload));
        Assert.Empty(stored.Descendants("masterKey"));
        Assert.Equal(typeof(MasterKeyXmlDecryptor).AssemblyQualifiedName, (string?)encrypted.Attribute("decryptorType"));

        // A new provider holds no key in memory: it reads the sealed key back through the framework's activator.
        Assert.Equal("signed in after the upgrade", Protector(sealedFolder, _ring).Unprotect(payload));
        Assert.ThrowsAny<CryptographicException>(() => Protector(sealedFolder, _otherData.NewRing()).Unprotect(payload));
    }

    private static MasterKeyXmlDecryptor Decryptor(MasterKeyRing ring) =>
        new(new ServiceCollection().AddSingleton(new SecretSealer(ring)).BuildServiceProvider());

    /// <summary>A protector on its own key ring folder; <paramref name="ring"/> null stores keys the way the framework does without an encryptor.</summary>
    private static IDataProtector Protector(string folder, MasterKeyRing? ring)
    {
        var services = new ServiceCollection();
        var dataProtection = services.AddDataProtection().SetApplicationName("kumatip-tests").PersistKeysToFileSystem(new DirectoryInfo(folder));
        if (ring is not null)
        {
            services.AddSingleton(new SecretSealer(ring));
            dataProtection.ProtectKeysWithMasterKey();
        }

        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("tests");
    }

    /// <summary>The element the framework hands to an encryptor: the key's secret, marked as needing encryption.</summary>
    private XElement MasterKeyElement() => new(
        "masterKey",
        new XAttribute(Framework + "requiresEncryption", "true"),
        new XComment(" Warning: the key below is in an unencrypted form. "),
        new XElement("value", _keyMaterial));
}
