using System.Text;
using KumaTip.Application.Secrets.Sealing;

namespace KumaTip.UnitTests.Secrets;

public sealed class SecretSealerTests : IDisposable
{
    private const string Plaintext = "S3cret-TIP-passw0rd";

    private readonly TemporaryDataDirectory _data = new();
    private readonly MasterKeyRing _ring;
    private readonly SecretSealer _sealer;
    private readonly Guid _secretId = Guid.NewGuid();
    private readonly SealingContext _password;
    private readonly byte[] _wrappedKey;

    public SecretSealerTests()
    {
        _ring = _data.NewRing();
        _sealer = new SecretSealer(_ring);
        _password = new SealingContext("secret", _secretId, "TIP prod", "Password");
        _wrappedKey = _sealer.NewWrappedDataKey("secret", _secretId);
    }

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData(Plaintext)]
    [InlineData("")]
    [InlineData("пароль with ünïcode")]
    public void Sealed_text_opens_to_the_same_text(string value)
    {
        var sealedValue = _sealer.Seal(_wrappedKey, _password, value).Value!;

        Assert.Equal(value, _sealer.UnsealString(_wrappedKey, _password, sealedValue).Value);
    }

    [Fact]
    public void Sealed_bytes_open_to_the_same_bytes_and_reveal_nothing()
    {
        var pfx = new byte[4096];
        Random.Shared.NextBytes(pfx);
        var context = _password with { Field = "Pfx" };

        var first = _sealer.Seal(_wrappedKey, context, pfx).Value!;
        var second = _sealer.Seal(_wrappedKey, context, pfx).Value!;

        Assert.Equal(pfx, _sealer.Unseal(_wrappedKey, context, first).Value);
        Assert.NotEqual(first, second);
        Assert.Equal(1 + 12 + pfx.Length + 16, first.Length);
        Assert.False(first.AsSpan().IndexOf(pfx.AsSpan(0, 16)) >= 0);
    }

    [Fact]
    public void Every_flipped_byte_of_a_sealed_field_is_refused()
    {
        var sealedValue = _sealer.Seal(_wrappedKey, _password, Plaintext).Value!;

        for (var i = 0; i < sealedValue.Length; i++)
        {
            var tampered = (byte[])sealedValue.Clone();
            tampered[i] ^= 0x01;

            var error = _sealer.Unseal(_wrappedKey, _password, tampered).Error;

            Assert.Equal("unseal_failed", error?.Code);
            Assert.StartsWith("The Password of secret 'TIP prod' cannot be decrypted", error?.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Plaintext, error?.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_flipped_byte_in_the_encrypted_data_key_or_its_tag_is_refused()
    {
        var sealedValue = _sealer.Seal(_wrappedKey, _password, Plaintext).Value!;
        var header = 2 + _ring.ActiveKeyId.Length;

        for (var i = header; i < _wrappedKey.Length; i++)
        {
            var tampered = (byte[])_wrappedKey.Clone();
            tampered[i] ^= 0x80;

            var error = _sealer.Unseal(tampered, _password, sealedValue).Error;

            Assert.Equal("unseal_failed", error?.Code);
            Assert.Equal(
                "The Password of secret 'TIP prod' cannot be decrypted: the stored data was altered or belongs to another object.",
                error?.Message);
        }
    }

    [Fact]
    public void A_damaged_data_key_header_is_refused()
    {
        var sealedValue = _sealer.Seal(_wrappedKey, _password, Plaintext).Value!;
        var wrongVersion = (byte[])_wrappedKey.Clone();
        wrongVersion[0] = 9;
        var wrongLength = (byte[])_wrappedKey.Clone();
        wrongLength[1]++;

        Assert.Equal("unseal_failed", _sealer.Unseal(wrongVersion, _password, sealedValue).Error?.Code);
        Assert.Equal("unseal_failed", _sealer.Unseal(wrongLength, _password, sealedValue).Error?.Code);
        Assert.Equal("unseal_failed", _sealer.Unseal(_wrappedKey[..10], _password, sealedValue).Error?.Code);
        Assert.Null(_sealer.KeyIdOf(wrongVersion));
        Assert.Equal(_ring.ActiveKeyId, _sealer.KeyIdOf(_wrappedKey));
    }

    [Fact]
    public void A_field_copied_to_another_secret_is_refused()
    {
        var otherId = Guid.NewGuid();
        var otherWrappedKey = _sealer.NewWrappedDataKey("secret", otherId);
        var sealedValue = _sealer.Seal(_wrappedKey, _password, Plaintext).Value!;
        var other = new SealingContext("secret", otherId, "TIP staging", "Password");

        // Copied with its data key: the data key is bound to the first secret's id.
        var withKey = _sealer.Unseal(_wrappedKey, other, sealedValue).Error;
        // Copied alone: the other secret's data key does not open it.
        var alone = _sealer.Unseal(otherWrappedKey, other, sealedValue).Error;

        foreach (var error in new[] { withKey, alone })
        {
            Assert.Equal("unseal_failed", error?.Code);
            Assert.Equal(
                "The Password of secret 'TIP staging' cannot be decrypted: the stored data was altered or belongs to another object.",
                error?.Message);
        }
    }

    [Fact]
    public void A_field_copied_to_another_field_of_the_same_secret_is_refused()
    {
        var sealedPassword = _sealer.Seal(_wrappedKey, _password, Plaintext).Value!;

        var error = _sealer.Unseal(_wrappedKey, _password with { Field = "PfxPassword" }, sealedPassword).Error;

        Assert.Equal("unseal_failed", error?.Code);
        Assert.Equal(
            "The PfxPassword of secret 'TIP prod' cannot be decrypted: the stored data was altered or belongs to another object.",
            error?.Message);
    }

    [Fact]
    public void A_field_of_another_object_type_with_the_same_id_is_refused()
    {
        var sealedPassword = _sealer.Seal(_wrappedKey, _password, Plaintext).Value!;
        var proxyKey = _sealer.NewWrappedDataKey("proxy", _secretId);

        Assert.Equal("unseal_failed", _sealer.Unseal(_wrappedKey, _password with { ObjectType = "proxy" }, sealedPassword).Error?.Code);
        Assert.Equal("unseal_failed", _sealer.Unseal(proxyKey, _password with { ObjectType = "proxy" }, sealedPassword).Error?.Code);
    }

    [Fact]
    public void Renaming_the_secret_does_not_break_its_sealed_fields()
    {
        var sealedPassword = _sealer.Seal(_wrappedKey, _password, Plaintext).Value!;

        Assert.Equal(Plaintext, _sealer.UnsealString(_wrappedKey, _password with { ObjectName = "TIP production" }, sealedPassword).Value);
    }

    [Fact]
    public void Rotation_rewraps_data_keys_so_the_old_master_key_can_go()
    {
        var sealedPassword = _sealer.Seal(_wrappedKey, _password, Plaintext).Value!;
        var keyA = _ring.ActiveKeyId;

        var keyB = _ring.AddKeyAndActivate().Value!;
        var rewrapped = _sealer.Rewrap(_wrappedKey, "secret", _secretId, "TIP prod").Value!;
        Assert.True(_ring.RemoveKey(keyA).Succeeded);

        Assert.Equal(keyB, _sealer.KeyIdOf(rewrapped));
        Assert.Equal(Plaintext, _sealer.UnsealString(rewrapped, _password, sealedPassword).Value);

        var notRewrapped = _sealer.Unseal(_wrappedKey, _password, sealedPassword).Error;
        Assert.Equal("master_key_missing", notRewrapped?.Code);
        Assert.Equal(
            $"The Password of secret 'TIP prod' cannot be decrypted: it is sealed with master key '{keyA}' which is not configured. Restore the key file ({_data.KeyFile}) or set Encryption:MasterKeyFile.",
            notRewrapped?.Message);
        Assert.Equal("master_key_missing", _sealer.Rewrap(_wrappedKey, "secret", _secretId, "TIP prod").Error?.Code);
        Assert.Equal("master_key_missing", _ring.EnsureKeysAvailable([_sealer.KeyIdOf(_wrappedKey)!]).Error?.Code);
    }

    [Fact]
    public void Rewrap_checks_that_the_data_key_belongs_to_the_object()
    {
        var error = _sealer.Rewrap(_wrappedKey, "secret", Guid.NewGuid(), "TIP staging").Error;

        Assert.Equal("unseal_failed", error?.Code);
        Assert.Equal("The data key of secret 'TIP staging' cannot be decrypted: the stored data was altered or belongs to another object.", error?.Message);
    }

    [Fact]
    public void Reseal_gives_a_new_data_key_and_fields_that_only_it_opens()
    {
        var pfxPassword = _password with { Field = "PfxPassword" };
        var fields = new Dictionary<string, byte[]>
        {
            ["Password"] = _sealer.Seal(_wrappedKey, _password, Plaintext).Value!,
            ["PfxPassword"] = _sealer.Seal(_wrappedKey, pfxPassword, "pfx-pass").Value!,
        };

        var resealed = _sealer.Reseal(_wrappedKey, "secret", _secretId, "TIP prod", fields).Value!;

        Assert.Equal(Plaintext, _sealer.UnsealString(resealed.WrappedDataKey, _password, resealed.SealedFields["Password"]).Value);
        Assert.Equal("pfx-pass", _sealer.UnsealString(resealed.WrappedDataKey, pfxPassword, resealed.SealedFields["PfxPassword"]).Value);
        Assert.Equal("unseal_failed", _sealer.Unseal(resealed.WrappedDataKey, _password, fields["Password"]).Error?.Code);
    }

    [Fact]
    public void Reseal_stops_at_a_damaged_field_and_names_it()
    {
        var damaged = _sealer.Seal(_wrappedKey, _password with { Field = "PfxPassword" }, "x").Value!;
        damaged[^1] ^= 1;

        var error = _sealer.Reseal(_wrappedKey, "secret", _secretId, "TIP prod", new Dictionary<string, byte[]> { ["PfxPassword"] = damaged }).Error;

        Assert.StartsWith("The PfxPassword of secret 'TIP prod' cannot be decrypted", error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_with_an_unknown_format_version_is_refused()
    {
        var sealedValue = _sealer.Seal(_wrappedKey, _password, Encoding.UTF8.GetBytes(Plaintext)).Value!;
        sealedValue[0] = 2;

        Assert.Equal(
            "The Password of secret 'TIP prod' cannot be decrypted: the stored data has an unknown format (version 2).",
            _sealer.Unseal(_wrappedKey, _password, sealedValue).Error?.Message);
    }

    [Theory]
    [InlineData("secret|x", "Password")]
    [InlineData("secret", "Pass|word")]
    [InlineData("", "Password")]
    public void Context_parts_that_could_blur_the_binding_are_a_programming_error(string objectType, string field)
    {
        Assert.Throws<ArgumentException>(() => _sealer.Seal(_wrappedKey, new SealingContext(objectType, _secretId, "n", field), "v"));
    }
}
