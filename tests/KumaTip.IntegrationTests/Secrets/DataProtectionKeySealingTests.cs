using System.Net;
using KumaTip.Application.Secrets.DataProtectionKeys;
using KumaTip.Application.Secrets.Sealing;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Secrets;

/// <summary>
/// The Data Protection key ring (behind sign-in cookies and form tokens) is stored sealed with the master key: a copy
/// of the database alone cannot forge a cookie, and the app with its master key reads the ring back after a restart.
/// </summary>
public abstract class DataProtectionKeySealingTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task The_stored_key_ring_holds_each_key_sealed_with_the_active_master_key_and_never_its_key_material()
    {
        await app.SignInWithCookieJarAsync();
        var keys = await app.KeysAsync();
        var activeMasterKey = app.Services.GetRequiredService<MasterKeyRing>().ActiveKeyId;

        Assert.NotEmpty(keys);
        foreach (var (_, key) in keys)
        {
            var stored = key.ToString();
            var encrypted = Assert.Single(key.Descendants(StoredKeyRing.FrameworkNamespace + "encryptedSecret"));
            var material = app.KeyMaterialOf(key);

            Assert.True(Convert.FromBase64String(material).Length >= 32, "the opened key is too short to be the key material");
            Assert.DoesNotContain(material, stored, StringComparison.Ordinal);
            Assert.Empty(key.Descendants("masterKey"));
            Assert.StartsWith(typeof(MasterKeyXmlDecryptor).FullName + ",", (string?)encrypted.Attribute("decryptorType"), StringComparison.Ordinal);
            Assert.Equal(activeMasterKey, (string?)encrypted.Elements().Single().Attribute("masterKeyId"));
        }
    }

    [Fact]
    public async Task Creating_a_key_no_longer_warns_that_it_may_be_stored_unencrypted()
    {
        await app.SignInWithCookieJarAsync();

        // This app's database started empty, so the key it holds now was created (and stored) by this app.
        Assert.NotEmpty(await app.KeysAsync());
        Assert.DoesNotContain(CapturedLogs.All, line => line.Contains("No XML encryptor configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sign_in_cookie_issued_before_a_restart_still_works_after_it()
    {
        var first = new KumaTipApp<TDb>();
        await ((IAsyncLifetime)first).InitializeAsync();
        var cookies = await first.SignInWithCookieJarAsync();
        Assert.Equal(HttpStatusCode.OK, await first.EventsPageStatusAsync(cookies));
        await first.StopHostAsync();

        var restarted = new KumaTipApp<TDb> { SharedDatabase = first.ConnectionString, SharedDataDirectory = first.DataDirectory };
        await ((IAsyncLifetime)restarted).InitializeAsync();
        try
        {
            Assert.Equal(HttpStatusCode.OK, await restarted.EventsPageStatusAsync(cookies));
            Assert.Equal(HttpStatusCode.Redirect, await restarted.EventsPageStatusAsync(new CookieContainer()));
        }
        finally
        {
            await ((IAsyncLifetime)restarted).DisposeAsync();
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_the_master_key_that_seals_the_key_ring_the_app_refuses_to_start_and_says_what_losing_it_costs()
    {
        await app.SignInWithCookieJarAsync();
        var masterKey = app.Services.GetRequiredService<MasterKeyRing>().ActiveKeyId;
        var emptyDataDirectory = Path.Combine(Path.GetTempPath(), "kumatip-nokey-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var withoutKeyFile = app.WithWebHostBuilder(b => b.UseSetting("DataDirectory", emptyDataDirectory));
            var refusal = StartRefusals.Start(withoutKeyFile, $"sealed with master key '{masterKey}'");

            Assert.Contains("Restore the key file", refusal, StringComparison.Ordinal);
            Assert.Contains("deleting the rows of table DataProtectionKeys", refusal, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(emptyDataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_key_an_earlier_version_stored_in_the_clear_is_sealed_at_start_up_and_its_cookies_keep_working()
    {
        var first = new KumaTipApp<TDb>();
        await ((IAsyncLifetime)first).InitializeAsync();
        var cookies = await first.SignInWithCookieJarAsync();
        var (id, key) = (await first.KeysAsync()).Single();
        var material = first.KeyMaterialOf(key);

        // Stored the way it was before keys were sealed: the <masterKey> element itself instead of <encryptedSecret>.
        var encrypted = key.Descendants(StoredKeyRing.FrameworkNamespace + "encryptedSecret").Single();
        encrypted.ReplaceWith(first.Services.GetRequiredService<MasterKeyXmlDecryptor>().Decrypt(encrypted.Elements().Single()));
        await first.WriteKeyAsync(id, key);
        Assert.Contains(material, (await first.KeysAsync()).Single().Key.ToString(), StringComparison.Ordinal);
        await first.StopHostAsync();

        var restarted = new KumaTipApp<TDb> { SharedDatabase = first.ConnectionString, SharedDataDirectory = first.DataDirectory };
        await ((IAsyncLifetime)restarted).InitializeAsync();
        try
        {
            var stored = (await restarted.KeysAsync()).Single(k => k.Id == id).Key;
            Assert.DoesNotContain(material, stored.ToString(), StringComparison.Ordinal);
            Assert.Equal(material, restarted.KeyMaterialOf(stored));
            Assert.Equal(HttpStatusCode.OK, await restarted.EventsPageStatusAsync(cookies));
        }
        finally
        {
            await ((IAsyncLifetime)restarted).DisposeAsync();
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }
}

public sealed class DataProtectionKeySealingTestsOnSqlite(KumaTipApp<OnSqlite> app) : DataProtectionKeySealingTests<OnSqlite>(app);

public sealed class DataProtectionKeySealingTestsOnPostgres(KumaTipApp<OnPostgres> app) : DataProtectionKeySealingTests<OnPostgres>(app);
