using System.Security.Cryptography;
using System.Text.Json;
using KumaTip.Application.Secrets.Sealing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KumaTip.UnitTests.Secrets;

public sealed class MasterKeyRingTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void First_run_creates_an_owner_only_key_file_that_the_next_start_reuses()
    {
        var first = _data.NewRing();

        Assert.True(File.Exists(_data.KeyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_data.KeyFile));
        }

        Assert.Matches("^k-20261128-[0-9a-f]{8}$", first.ActiveKeyId);
        Assert.Empty(Directory.GetFiles(_data.Directory.Path, "*.tmp", SearchOption.AllDirectories));

        var second = _data.NewRing();
        Assert.Equal(first.ActiveKeyId, second.ActiveKeyId);

        var id = Guid.NewGuid();
        var wrapped = new SecretSealer(first).NewWrappedDataKey("secret", id);
        var context = new SealingContext("secret", id, "TIP prod", "Password");
        var sealedPassword = new SecretSealer(first).Seal(wrapped, context, "hunter2").Value!;
        Assert.Equal("hunter2", new SecretSealer(second).UnsealString(wrapped, context, sealedPassword).Value);
    }

    [Fact]
    public void Key_file_is_the_documented_json()
    {
        var ring = _data.NewRing();

        using var json = JsonDocument.Parse(File.ReadAllText(_data.KeyFile));
        Assert.Equal(ring.ActiveKeyId, json.RootElement.GetProperty("activeKeyId").GetString());
        var key = Assert.Single(json.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(ring.ActiveKeyId, key.GetProperty("id").GetString());
        Assert.Equal(32, Convert.FromBase64String(key.GetProperty("key").GetString()!).Length);
        Assert.Equal(TemporaryDataDirectory.Now, key.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public void Rotation_rewrites_the_file_owner_only_and_refuses_to_remove_the_active_key()
    {
        var ring = _data.NewRing();
        var old = ring.ActiveKeyId;

        var added = ring.AddKeyAndActivate();

        Assert.True(added.Succeeded);
        Assert.Equal(added.Value, ring.ActiveKeyId);
        Assert.NotEqual(old, ring.ActiveKeyId);
        Assert.True(ring.Has(old));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_data.KeyFile));
        }

        var refused = ring.RemoveKey(ring.ActiveKeyId);
        Assert.Equal("master_key_active", refused.Error?.Code);

        Assert.True(ring.RemoveKey(old).Succeeded);
        Assert.False(ring.Has(old));
        Assert.Equal([ring.ActiveKeyId], _data.NewRing().KeyIds);
    }

    [Fact]
    public void Configured_key_file_path_is_used_instead_of_the_data_directory()
    {
        var path = Path.Combine(_data.Directory.Path, "keys", "kumatip.key");

        var ring = _data.NewRing(new EncryptionOptions { MasterKeyFile = path });

        Assert.True(File.Exists(path));
        Assert.False(File.Exists(_data.KeyFile));
        Assert.Equal(path, ring.KeySource);
    }

    [Fact]
    public void Damaged_key_file_stops_start_up_without_quoting_it()
    {
        Directory.CreateDirectory(_data.Directory.Path);
        File.WriteAllText(_data.KeyFile, """{ "activeKeyId": "k-1", "keys": [ { "id": "k-1", "key": "c2hvcnQ=" } ] }""");

        var error = Assert.Throws<InvalidOperationException>(() => _data.NewRing());

        Assert.Contains(_data.KeyFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("'k-1' is not 32 bytes", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2hvcnQ=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_key_is_a_read_only_ring_with_an_id_derived_from_the_key()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        var ring = _data.NewRing(new EncryptionOptions { MasterKey = key });

        Assert.True(ring.IsReadOnly);
        Assert.Matches("^k-cfg-[0-9a-f]{8}$", ring.ActiveKeyId);
        Assert.Equal(ring.ActiveKeyId, _data.NewRing(new EncryptionOptions { MasterKey = key }).ActiveKeyId);
        Assert.False(File.Exists(_data.KeyFile));
        Assert.Equal("master_key_read_only", ring.AddKeyAndActivate().Error?.Code);
        Assert.Equal("master_key_read_only", ring.RemoveKey(ring.ActiveKeyId).Error?.Code);

        var named = _data.NewRing(new EncryptionOptions { MasterKey = key, MasterKeyId = "prod-2026" });
        Assert.Equal("prod-2026", named.ActiveKeyId);
    }

    [Fact]
    public void Configured_rotation_keeps_the_previous_key_readable_until_rewrapped()
    {
        var keyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var keyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var ringA = _data.NewRing(new EncryptionOptions { MasterKey = keyA, MasterKeyId = "a" });
        var id = Guid.NewGuid();
        var context = new SealingContext("proxy", id, "corp", "Password");
        var wrapped = new SecretSealer(ringA).NewWrappedDataKey("proxy", id);
        var sealedPassword = new SecretSealer(ringA).Seal(wrapped, context, "proxy-pass").Value!;

        var ringB = _data.NewRing(new EncryptionOptions { MasterKey = keyB, MasterKeyId = "b", PreviousMasterKeys = { ["a"] = keyA } });
        var sealer = new SecretSealer(ringB);

        Assert.Equal("proxy-pass", sealer.UnsealString(wrapped, context, sealedPassword).Value);
        var rewrapped = sealer.Rewrap(wrapped, "proxy", id, "corp").Value!;
        Assert.Equal("b", sealer.KeyIdOf(rewrapped));

        var ringWithoutA = _data.NewRing(new EncryptionOptions { MasterKey = keyB, MasterKeyId = "b" });
        Assert.Equal("proxy-pass", new SecretSealer(ringWithoutA).UnsealString(rewrapped, context, sealedPassword).Value);
        var missing = new SecretSealer(ringWithoutA).Unseal(wrapped, context, sealedPassword).Error;
        Assert.Equal("master_key_missing", missing?.Code);
        Assert.Contains("Encryption:PreviousMasterKeys", missing?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("c2hvcnQ=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Invalid_configured_key_stops_start_up_with_a_clear_message(string masterKey)
    {
        using var services = Services(new() { ["Encryption:MasterKey"] = masterKey });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<MasterKeyRing>());

        Assert.Contains("Encryption:MasterKey must be 32 random bytes written in base64", error.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(masterKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_configuration_is_refused_even_when_options_are_built_by_hand()
    {
        var error = Assert.Throws<OptionsValidationException>(() => _data.NewRing(new EncryptionOptions
        {
            MasterKey = Convert.ToBase64String(new byte[32]),
            MasterKeyFile = "/etc/kumatip/master.key",
        }));

        Assert.Contains("either Encryption:MasterKey or Encryption:MasterKeyFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Previous_keys_need_their_own_valid_ids_and_keys()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var options = new EncryptionOptions
        {
            MasterKey = key,
            MasterKeyId = "current",
            PreviousMasterKeys = { ["current"] = key, ["old"] = "c2hvcnQ=" },
        };

        var result = new EncryptionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Encryption:PreviousMasterKeys:current has the id of the active master key", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Encryption:PreviousMasterKeys:old must be 32 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void Services_resolve_with_the_default_key_file()
    {
        using var services = Services(new() { ["DataDirectory"] = _data.Directory.Path });

        var ring = services.GetRequiredService<MasterKeyRing>();

        Assert.Same(ring, services.GetRequiredService<MasterKeyRing>());
        Assert.Equal(_data.KeyFile, ring.KeySource);
        Assert.NotNull(services.GetRequiredService<SecretSealer>());
    }

    [Fact]
    public void EnsureKeysAvailable_accepts_known_ids_and_names_every_missing_one()
    {
        var ring = _data.NewRing();

        Assert.True(ring.EnsureKeysAvailable([]).Succeeded);
        Assert.True(ring.EnsureKeysAvailable([ring.ActiveKeyId, ring.ActiveKeyId]).Succeeded);

        var one = ring.EnsureKeysAvailable([ring.ActiveKeyId, "k-20250101-deadbeef"]).Error;
        Assert.Equal("master_key_missing", one?.Code);
        Assert.Equal(
            $"Data in the database is sealed with master key 'k-20250101-deadbeef' which is not configured. Restore the key file ({_data.KeyFile}) or set Encryption:MasterKeyFile.",
            one?.Message);

        var two = ring.EnsureKeysAvailable(["k-b", "k-a", "k-b"]).Error;
        Assert.StartsWith("Data in the database is sealed with master keys 'k-a', 'k-b' which are not configured.", two?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_instance_follows_a_rotation_written_to_the_shared_key_file()
    {
        var web = _data.NewRing();
        var command = _data.NewRing();
        var oldKey = command.ActiveKeyId;

        var newKey = command.AddKeyAndActivate().Value!;
        Assert.True(command.RemoveKey(oldKey).Succeeded);

        // The running instance must not keep wrapping new secrets with a key that is gone from the file.
        var wrapped = new SecretSealer(web).NewWrappedDataKey("secret", Guid.NewGuid());
        Assert.Equal(newKey, new SecretSealer(web).KeyIdOf(wrapped));
        Assert.Equal(newKey, web.ActiveKeyId);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSecretSealing(configuration).BuildServiceProvider();
    }
}
