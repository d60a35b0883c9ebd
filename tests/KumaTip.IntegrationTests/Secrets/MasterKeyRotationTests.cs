using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using KumaTip.Application.Secrets.Rotation;
using KumaTip.Application.Secrets.Sealing;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.IntegrationTests.Proxies;
using KumaTip.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Secrets;

/// <summary>
/// The <c>rotate-master-key</c> and <c>retire-master-key</c> commands, run against the database and data directory
/// of a running app (as an operator would), and the start-up check for missing master keys.
/// </summary>
public abstract class MasterKeyRotationTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    private string KeyFilePath => Path.Combine(app.DataDirectory, "master.key");

    [Fact]
    public async Task Rotation_rewraps_every_secret_and_proxy_server_under_a_new_key_and_everything_still_opens()
    {
        var api = await app.AdminApiClientAsync();
        var tenant = await app.CreateTenantAsync();
        var secret = TestSecret.New(tenant);
        var created = await SecretsApiTests<TDb>.CreateAsync(api, secret);
        var proxyPassword = TestCertificates.UniqueSecret("proxypw");
        var proxy = await ProxiesApiTests<TDb>.CreateAsync(api, tenant, "rotated", user: "proxy-user", password: proxyPassword);
        var before = KeyFile();

        var exitCode = await RunAsync("rotate-master-key");

        var after = KeyFile();
        Assert.Equal(0, exitCode);
        Assert.NotEqual(before.Active, after.Active);
        Assert.Equal([.. before.Ids, after.Active], after.Ids);
        Assert.Equal([after.Active], await KeyIdsInUseAsync());
        Assert.Equal(secret.Stored, await app.UnsealSecretAsync(created.Id));
        Assert.Equal(("proxy-user", proxyPassword), await app.UnsealProxyAsync(proxy.Id));
    }

    [Fact]
    public async Task An_old_key_is_retired_only_once_nothing_is_sealed_with_it_and_never_the_active_one()
    {
        var api = await app.AdminApiClientAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());
        var created = await SecretsApiTests<TDb>.CreateAsync(api, secret);
        var old = KeyFile().Active;
        Assert.True(app.Services.GetRequiredService<MasterKeyRing>().AddKeyAndActivate().Succeeded);

        Assert.Equal(1, await RunAsync("retire-master-key", old));
        Assert.Contains(old, KeyFile().Ids);
        Assert.NotEqual(old, KeyFile().Active);

        Assert.Equal(0, await RunAsync("rotate-master-key"));
        var active = KeyFile().Active;
        Assert.Equal(0, await RunAsync("retire-master-key", old));
        Assert.Equal(1, await RunAsync("retire-master-key", active));

        Assert.DoesNotContain(old, KeyFile().Ids);
        Assert.Contains(active, KeyFile().Ids);
        Assert.Equal(secret.Stored, await app.UnsealSecretAsync(created.Id));
    }

    [Fact]
    public async Task Rotation_with_retire_old_leaves_only_the_new_key()
    {
        var api = await app.AdminApiClientAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());
        var created = await SecretsApiTests<TDb>.CreateAsync(api, secret);

        var exitCode = await RunAsync("rotate-master-key", "--retire-old");

        var after = KeyFile();
        Assert.Equal(0, exitCode);
        Assert.Equal([after.Active], after.Ids);
        Assert.Equal(secret.Stored, await app.UnsealSecretAsync(created.Id));
    }

    [Fact]
    public async Task Rotation_with_reseal_replaces_the_data_keys_keeps_the_values_and_tells_the_tip_client()
    {
        var api = await app.AdminApiClientAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());
        var created = await SecretsApiTests<TDb>.CreateAsync(api, secret);
        await SecretsApiTests<TDb>.SettingsUseAsync(api, created.Id);
        var versionBefore = await VersionKeyAsync();
        var wrappedBefore = await WrappedKeyAsync(created.Id);

        var exitCode = await RunAsync("rotate-master-key", "--reseal");

        Assert.Equal(0, exitCode);
        Assert.NotEqual(wrappedBefore, await WrappedKeyAsync(created.Id));
        Assert.NotEqual(versionBefore, await VersionKeyAsync());
        Assert.Equal(secret.Stored, await app.UnsealSecretAsync(created.Id));
        await SecretsApiTests<TDb>.SettingsUseAsync(api, null);
    }

    [Fact]
    public async Task Rotation_with_reseal_and_retire_old_seals_the_sign_in_keys_anew_and_a_sign_in_survives_a_restart()
    {
        var cookies = await app.SignInWithCookieJarAsync();
        var sealedBefore = (await app.KeysAsync()).ToDictionary(k => k.Id, k => SealedPartOf(k.Key));

        var exitCode = await RunAsync("rotate-master-key", "--reseal", "--retire-old");

        var active = KeyFile().Active;
        Assert.Equal(0, exitCode);
        Assert.Equal([active], KeyFile().Ids);
        foreach (var (id, key) in await app.KeysAsync())
        {
            var sealedPart = SealedPartOf(key);
            Assert.Equal(active, (string?)sealedPart.Attribute("masterKeyId"));
            Assert.NotEqual(sealedBefore[id].Value, sealedPart.Value); // a new data key, so the sealed value changed too
        }

        // Another start reads the key ring from the database with nothing but the new master key.
        using var restarted = app.WithWebHostBuilder(_ => { });
        Assert.Equal(HttpStatusCode.OK, await restarted.EventsPageStatusAsync(cookies));
    }

    [Fact]
    public async Task The_app_refuses_to_start_when_stored_data_is_sealed_with_a_master_key_it_does_not_have()
    {
        var api = await app.AdminApiClientAsync();
        await SecretsApiTests<TDb>.CreateAsync(api, TestSecret.New(await app.CreateTenantAsync()));
        var inUse = await KeyIdsInUseAsync();
        var emptyDataDirectory = Path.Combine(Path.GetTempPath(), "kumatip-nokey-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var withoutKeyFile = Start(b => b.UseSetting("DataDirectory", emptyDataDirectory), $"sealed with master key '{inUse[0]}'");
            var otherKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var withOtherConfiguredKey = Start(b => b.UseSetting("Encryption:MasterKey", otherKey), $"'{inUse[0]}'");

            Assert.Contains("Restore the key file", withoutKeyFile, StringComparison.Ordinal);
            Assert.Contains("not configured", withOtherConfiguredKey, StringComparison.Ordinal);
            Assert.Contains("Encryption:PreviousMasterKeys", withOtherConfiguredKey, StringComparison.Ordinal);
            CapturedLogs.AssertNoneContain(otherKey);
        }
        finally
        {
            Directory.Delete(emptyDataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Misused_commands_answer_with_a_usage_error()
    {
        Assert.Equal(2, await RunAsync("retire-master-key"));
        Assert.Equal(2, await RunAsync("rotate-the-keys"));
        Assert.Equal(1, await RunAsync("retire-master-key", "k-unknown"));
    }

    /// <summary>Starts the app once more on the same database with changed settings and returns the line that says why it refused to start.</summary>
    private string Start(Action<IWebHostBuilder> configure, string naming)
    {
        using var other = app.WithWebHostBuilder(configure);
        return StartRefusals.Start(other, naming);
    }

    private Task<int?> RunAsync(params string[] verb) => Commands.TryRunAsync(
    [
        .. verb,
        $"--Database:Provider={app.Provider}",
        $"--ConnectionStrings:KumaTip={app.ConnectionString}",
        $"--DataDirectory={app.DataDirectory}",
        "--Logging:LogLevel:Default=Warning",
    ]);

    private static XElement SealedPartOf(XElement key) =>
        key.Descendants(StoredKeyRing.FrameworkNamespace + "encryptedSecret").Single().Elements().Single();

    private (string Active, List<string> Ids) KeyFile()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(KeyFilePath));
        return (
            json.RootElement.GetProperty("activeKeyId").GetString()!,
            [.. json.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("id").GetString()!)]);
    }

    private Task<IReadOnlyList<string>> KeyIdsInUseAsync() =>
        app.AsAdministratorAsync(sp => sp.GetRequiredService<MasterKeyUsage>().KeyIdsInUseAsync(CancellationToken.None));

    private Task<string?> VersionKeyAsync() =>
        app.AsAdministratorAsync(sp => sp.GetRequiredService<ThreatLookupConnectionSource>().GetVersionKeyAsync(CancellationToken.None));

    private Task<string> WrappedKeyAsync(Guid secretId) => app.AsAdministratorAsync(async sp =>
    {
        var db = sp.GetRequiredService<KumaTip.Application.Persistence.AppDbContext>();
        var secret = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<KumaTip.Application.Secrets.Secret>(), s => s.Id == secretId);
        return Convert.ToBase64String(secret.WrappedDataKey);
    });
}

public sealed class MasterKeyRotationTestsOnSqlite(KumaTipApp<OnSqlite> app) : MasterKeyRotationTests<OnSqlite>(app);

public sealed class MasterKeyRotationTestsOnPostgres(KumaTipApp<OnPostgres> app) : MasterKeyRotationTests<OnPostgres>(app);
