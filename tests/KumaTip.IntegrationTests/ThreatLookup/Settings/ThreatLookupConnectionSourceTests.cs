using KumaTip.Application.Common;
using KumaTip.Application.Persistence;
using KumaTip.Application.Secrets;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.IntegrationTests.Proxies;
using KumaTip.IntegrationTests.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.ThreatLookup.Settings;

/// <summary>What the TIP client gets for the settings in force; one app per class (the settings are one row).</summary>
public abstract class ThreatLookupConnectionSourceTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task The_connection_holds_the_unsealed_secret_the_proxy_and_the_settings()
    {
        var api = await app.AdminApiClientAsync();
        var tenant = await app.CreateTenantAsync();
        var secret = TestSecret.New(tenant);
        var created = await SecretsApiTests<TDb>.CreateAsync(api, secret);
        var proxyPassword = TestCertificates.UniqueSecret("proxypw");
        var proxy = await ProxiesApiTests<TDb>.CreateAsync(api, tenant, "egress", user: "proxy-user", password: proxyPassword);
        await api.PutAsJsonAsync($"/api/v1/proxies/{proxy.Id}", new { name = proxy.Name, tenantId = tenant, url = "http://proxy.example.com:3128", bypass = new[] { "*.corp.local", "10.0.0.0/8" } });
        var ca = TestCertificates.CaPem();
        var saved = await api.PutAsJsonAsync("/api/v1/settings/threat-lookup", new
        {
            disabled = false,
            secretId = created.Id,
            secretPassword = secret.Password,
            proxyId = proxy.Id,
            baseUrl = "https://127.0.0.1:9443",
            portalUrl = "https://portal.example.com",
            extraCaPem = ca,
            maxParallelRequests = 2,
            requestTimeoutSeconds = 15,
        });
        saved.EnsureSuccessStatusCode();

        var connection = await GetAsync();

        Assert.True(connection.Succeeded, connection.Error?.Message);
        var c = connection.Value!;
        Assert.Equal((false, "https://127.0.0.1:9443/", "https://portal.example.com/"), (c.Disabled, c.BaseUrl.ToString(), c.PortalUrl.ToString()));
        Assert.Equal((secret.UserName, secret.Password, Convert.ToBase64String(secret.Pfx), secret.PfxPassword), (c.UserName, c.Password, Convert.ToBase64String(c.Pfx), c.PfxPassword));
        Assert.Equal(ca.Trim(), c.ExtraCaPem!.Trim());
        Assert.Equal(("http://proxy.example.com:3128/", "proxy-user", proxyPassword), (c.Proxy!.Url.ToString(), c.Proxy.UserName, c.Proxy.Password));
        Assert.Equal(["*.corp.local", "10.0.0.0/8"], c.Proxy.Bypass);
        Assert.Equal((2, TimeSpan.FromSeconds(15), secret.Name), (c.MaxParallelRequests, c.RequestTimeout, c.SecretName));
        Assert.Equal(await VersionKeyAsync(), c.VersionKey);
        foreach (var value in new[] { secret.Password, secret.PfxPassword, secret.UserName, proxyPassword })
        {
            Assert.DoesNotContain(value, c.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(value, c.Proxy.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_version_key_and_the_kept_connection_change_with_the_secret_the_proxy_and_the_settings_and_only_then()
    {
        var api = await app.AdminApiClientAsync();
        var tenant = await app.CreateTenantAsync();
        var secret = TestSecret.New(tenant);
        var created = await SecretsApiTests<TDb>.CreateAsync(api, secret);
        var proxy = await ProxiesApiTests<TDb>.CreateAsync(api, tenant, "versioned");
        await SecretsApiTests<TDb>.SettingsUseAsync(api, created.Id, proxy.Id);

        var initial = await VersionKeyAsync();
        var unchanged = await VersionKeyAsync();
        var (first, again) = (await GetAsync(), await GetAsync());
        var newPassword = TestCertificates.UniqueSecret("pw");
        await api.PutAsync($"/api/v1/secrets/{created.Id}", SecretsApiTests<TDb>.FormWithoutFile(secret with { UserName = "", Password = newPassword, PfxPassword = "" }));
        var afterSecret = await VersionKeyAsync();
        var connectionAfterSecret = await GetAsync();
        await api.PutAsJsonAsync($"/api/v1/proxies/{proxy.Id}", new { name = proxy.Name, tenantId = tenant, url = "http://proxy.example.com:8080" });
        var afterProxy = await VersionKeyAsync();
        var connectionAfterProxy = await GetAsync();
        await api.PutAsJsonAsync("/api/v1/settings/threat-lookup", new { disabled = false, secretId = created.Id, proxyId = proxy.Id, requestTimeoutSeconds = 60 });
        var afterSettings = await VersionKeyAsync();

        // The connection is kept while nothing changed (a lookup task reads and unseals nothing), and read again from
        // the next lookup once the secret, the proxy or the settings change.
        Assert.Same(first.Value, again.Value);
        Assert.Equal((afterSecret, newPassword), (connectionAfterSecret.Value!.VersionKey, connectionAfterSecret.Value.Password));
        Assert.Equal((afterProxy, "http://proxy.example.com:8080/"), (connectionAfterProxy.Value!.VersionKey, connectionAfterProxy.Value.Proxy!.Url.ToString()));
        Assert.Equal(initial, unchanged);
        Assert.StartsWith($"{created.Id:N}:1|{proxy.Id:N}:1|", initial, StringComparison.Ordinal);
        Assert.Equal(4, new[] { initial, afterSecret, afterProxy, afterSettings }.Distinct().Count());
        Assert.Equal(afterSettings, (await GetAsync()).Value!.VersionKey);
    }

    [Fact]
    public async Task Disabled_or_without_a_secret_the_connection_is_refused_with_what_to_do()
    {
        var api = await app.AdminApiClientAsync();
        var created = await SecretsApiTests<TDb>.CreateAsync(api, TestSecret.New(await app.CreateTenantAsync()));

        (await api.PutAsJsonAsync("/api/v1/settings/threat-lookup", new { disabled = true, secretId = created.Id })).EnsureSuccessStatusCode();
        var disabled = await GetAsync();
        var forTest = await app.AsAdministratorAsync(sp => sp.GetRequiredService<ThreatLookupConnectionSource>().GetEvenIfDisabledAsync(CancellationToken.None));
        await SecretsApiTests<TDb>.SettingsUseAsync(api, null);
        var noSecret = await GetAsync();

        Assert.Equal((ErrorKind.Unavailable, "threat_lookup_disabled"), (disabled.Error!.Kind, disabled.Error.Code));
        Assert.Contains("Settings → Kaspersky Threat Lookup", disabled.Error.Message, StringComparison.Ordinal);
        Assert.True(forTest.Value!.Disabled);
        Assert.Equal("threat_lookup_not_configured", noSecret.Error!.Code);
        Assert.Contains("chooses one in Settings → Kaspersky Threat Lookup", noSecret.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flipped_byte_is_refused_with_a_message_naming_the_secret_never_garbage()
    {
        var api = await app.AdminApiClientAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());
        var created = await SecretsApiTests<TDb>.CreateAsync(api, secret);
        await SecretsApiTests<TDb>.SettingsUseAsync(api, created.Id);

        await TamperAsync(created.Id, s =>
        {
            var flipped = s.SealedPassword.ToArray();
            flipped[^5] ^= 0x01;
            s.SealedPassword = flipped;
        });
        var connection = await GetAsync();

        Assert.Equal("unseal_failed", connection.Error!.Code);
        Assert.Contains($"Password of secret '{secret.Name}'", connection.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Resources → Secrets", connection.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ciphertext_moved_to_another_secret_or_another_field_is_refused()
    {
        var api = await app.AdminApiClientAsync();
        var tenant = await app.CreateTenantAsync();
        var victim = TestSecret.New(tenant);
        var victimDto = await SecretsApiTests<TDb>.CreateAsync(api, victim);
        var donor = await SecretsApiTests<TDb>.CreateAsync(api, TestSecret.New(tenant));
        var donorPassword = await app.AsAdministratorAsync(async sp =>
            (await sp.GetRequiredService<AppDbContext>().Set<Secret>().AsNoTracking().SingleAsync(s => s.Id == donor.Id)).SealedPassword);
        await SecretsApiTests<TDb>.SettingsUseAsync(api, victimDto.Id);

        await TamperAsync(victimDto.Id, s => s.SealedPassword = donorPassword);
        var movedFromOtherSecret = await GetAsync();
        await TamperAsync(victimDto.Id, s => s.SealedPassword = s.SealedPfxPassword);
        var movedFromOtherField = await GetAsync();

        Assert.Equal("unseal_failed", movedFromOtherSecret.Error!.Code);
        Assert.Contains("altered or belongs to another object", movedFromOtherSecret.Error.Message, StringComparison.Ordinal);
        Assert.Equal("unseal_failed", movedFromOtherField.Error!.Code);
        Assert.Contains(victim.Name, movedFromOtherField.Error.Message, StringComparison.Ordinal);
    }

    private Task<Result<TipConnection>> GetAsync() =>
        app.AsAdministratorAsync(sp => sp.GetRequiredService<ThreatLookupConnectionSource>().GetAsync(CancellationToken.None));

    private Task<string?> VersionKeyAsync() =>
        app.AsAdministratorAsync(sp => sp.GetRequiredService<ThreatLookupConnectionSource>().GetVersionKeyAsync(CancellationToken.None));

    /// <summary>Changes the stored row behind the app's back, as someone with write access to the database could.</summary>
    private Task TamperAsync(Guid secretId, Action<Secret> change) => app.AsAdministratorAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var secret = await db.Set<Secret>().SingleAsync(s => s.Id == secretId);
        change(secret);
        return await db.SaveChangesAsync();
    });
}

public sealed class ThreatLookupConnectionSourceTestsOnSqlite(KumaTipApp<OnSqlite> app) : ThreatLookupConnectionSourceTests<OnSqlite>(app);

public sealed class ThreatLookupConnectionSourceTestsOnPostgres(KumaTipApp<OnPostgres> app) : ThreatLookupConnectionSourceTests<OnPostgres>(app);
