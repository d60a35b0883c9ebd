using System.Net;
using KumaTip.Application.Audit;
using KumaTip.Application.Identity;
using KumaTip.IntegrationTests.Foundation;
using KumaTip.IntegrationTests.Proxies;
using KumaTip.IntegrationTests.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.ThreatLookup.Settings;

public sealed record TrustedCertificateDto(string Subject, string Thumbprint, DateTimeOffset NotAfter);

public sealed record SettingsDto(
    bool Disabled,
    Guid? SecretId,
    string? SecretName,
    string? SecretTenantName,
    Guid? ProxyId,
    string? ProxyName,
    string BaseUrl,
    string PortalUrl,
    IReadOnlyList<TrustedCertificateDto> ExtraCaCertificates,
    int LicenceQuota,
    DateOnly? LicencePeriodEnd,
    int CacheFreshnessDays,
    int NotFoundFreshnessHours,
    int MaxParallelRequests,
    int RequestTimeoutSeconds,
    int Version,
    bool CanChange);

/// <summary>The settings are one row for the whole app: these tests change it, so they run in their own app (class).</summary>
public abstract class ThreatLookupSettingsApiTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task A_general_administrator_saves_every_field_and_reads_it_back()
    {
        var api = await app.AdminApiClientAsync();
        var tenant = await app.CreateTenantAsync();
        var typed = TestSecret.New(tenant);
        var secret = await SecretsApiTests<TDb>.CreateAsync(api, typed);
        var proxy = await ProxiesApiTests<TDb>.CreateAsync(api, tenant, "egress");
        var before = (await api.GetFromJsonAsync<SettingsDto>("/api/v1/settings/threat-lookup"))!;

        var response = await api.PutAsJsonAsync("/api/v1/settings/threat-lookup", new
        {
            disabled = true,
            secretId = secret.Id,
            secretPassword = typed.Password,
            proxyId = proxy.Id,
            baseUrl = "https://127.0.0.1:8443/",
            portalUrl = "https://portal.example.com",
            extraCaPem = TestCertificates.CaPem("CN=Inspection CA"),
            licenceQuota = 250,
            licencePeriodEnd = "2027-03-31",
            cacheFreshnessDays = 3,
            notFoundFreshnessHours = 12,
            maxParallelRequests = 2,
            requestTimeoutSeconds = 45,
            version = before.Version,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = (await api.GetFromJsonAsync<SettingsDto>("/api/v1/settings/threat-lookup"))!;
        Assert.Equal((true, secret.Id, secret.Name, proxy.Id, proxy.Name), (saved.Disabled, saved.SecretId, saved.SecretName, saved.ProxyId, saved.ProxyName));
        Assert.Equal(("https://127.0.0.1:8443", "https://portal.example.com"), (saved.BaseUrl, saved.PortalUrl));
        Assert.Equal("CN=Inspection CA", saved.ExtraCaCertificates.Single().Subject);
        Assert.Equal((250, new DateOnly(2027, 3, 31), 3, 12, 2, 45), (saved.LicenceQuota, saved.LicencePeriodEnd, saved.CacheFreshnessDays, saved.NotFoundFreshnessHours, saved.MaxParallelRequests, saved.RequestTimeoutSeconds));
        Assert.Equal(before.Version + 1, saved.Version);

        // Replaced without the CA: it is kept; with removeExtraCa it goes; missing numbers take their defaults.
        await api.PutAsJsonAsync("/api/v1/settings/threat-lookup", new { disabled = false, secretId = secret.Id });
        var kept = (await api.GetFromJsonAsync<SettingsDto>("/api/v1/settings/threat-lookup"))!;
        await api.PutAsJsonAsync("/api/v1/settings/threat-lookup", new { disabled = false, secretId = secret.Id, removeExtraCa = true });
        var removed = (await api.GetFromJsonAsync<SettingsDto>("/api/v1/settings/threat-lookup"))!;
        Assert.Single(kept.ExtraCaCertificates);
        Assert.Equal(("https://tip.kaspersky.com", 100, 7, 24, 4, 30, (Guid?)null), (kept.BaseUrl, kept.LicenceQuota, kept.CacheFreshnessDays, kept.NotFoundFreshnessHours, kept.MaxParallelRequests, kept.RequestTimeoutSeconds, kept.ProxyId));
        Assert.Empty(removed.ExtraCaCertificates);
    }

    [Theory]
    [InlineData("baseUrl", "ftp://tip.example.com", "BaseUrl")]
    [InlineData("portalUrl", "not a url", "PortalUrl")]
    [InlineData("licenceQuota", 0, "LicenceQuota")]
    [InlineData("cacheFreshnessDays", 400, "CacheFreshnessDays")]
    [InlineData("notFoundFreshnessHours", 0, "NotFoundFreshnessHours")]
    [InlineData("maxParallelRequests", 33, "MaxParallelRequests")]
    [InlineData("requestTimeoutSeconds", 1, "RequestTimeoutSeconds")]
    [InlineData("extraCaPem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "ExtraCa")]
    [InlineData("extraCaPem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "ExtraCa")]
    [InlineData("secretId", "7d3b9f3e-0000-4000-8000-000000000000", "SecretId")]
    [InlineData("proxyId", "7d3b9f3e-0000-4000-8000-000000000000", "ProxyId")]
    public async Task An_invalid_value_is_refused_and_names_its_field(string name, object value, string field)
    {
        var api = await app.AdminApiClientAsync();
        var body = new Dictionary<string, object> { ["disabled"] = true, [name] = value };

        var response = await api.PutAsJsonAsync("/api/v1/settings/threat-lookup", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<ProblemDto>())!.Field);
    }

    [Fact]
    public async Task A_tenant_administrator_reads_the_settings_but_cannot_change_them_nor_learn_another_tenants_secret()
    {
        var admin = await app.AdminApiClientAsync();
        var otherTenant = await app.CreateTenantAsync();
        var secret = await SecretsApiTests<TDb>.CreateAsync(admin, TestSecret.New(otherTenant));
        await SecretsApiTests<TDb>.SettingsUseAsync(admin, secret.Id);
        var user = await app.CreateUserAsync(Roles.TenantAdministrator, await app.CreateTenantAsync());
        var api = await app.ApiClientAsync(user.UserName, user.Password);

        var read = (await api.GetFromJsonAsync<SettingsDto>("/api/v1/settings/threat-lookup"))!;
        var change = await api.PutAsJsonAsync("/api/v1/settings/threat-lookup", new { disabled = true });

        Assert.False(read.CanChange);
        Assert.Equal((secret.Id, (string?)null), (read.SecretId, read.SecretName));
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        Assert.False((await admin.GetFromJsonAsync<SettingsDto>("/api/v1/settings/threat-lookup"))!.Disabled);
    }

    [Fact]
    public async Task Saving_the_settings_is_audited_with_the_changed_field_names()
    {
        var api = await app.AdminApiClientAsync();
        var before = (await api.GetFromJsonAsync<SettingsDto>("/api/v1/settings/threat-lookup"))!;

        await api.PutAsJsonAsync("/api/v1/settings/threat-lookup", new { disabled = !before.Disabled, secretId = before.SecretId, proxyId = before.ProxyId, licenceQuota = before.LicenceQuota + 1 });

        var audit = await app.AsAdministratorAsync(sp => sp.GetRequiredService<AuditQueries>()
            .ListAsync(new AuditFilter(null, "ThreatLookupSettings", null, null, Limit: 1), CancellationToken.None));
        Assert.Contains("Disabled", audit.Single().ChangedFields, StringComparison.Ordinal);
        Assert.Contains("LicenceQuota", audit.Single().ChangedFields, StringComparison.Ordinal);
    }
}

public sealed class ThreatLookupSettingsApiTestsOnSqlite(KumaTipApp<OnSqlite> app) : ThreatLookupSettingsApiTests<OnSqlite>(app);

public sealed class ThreatLookupSettingsApiTestsOnPostgres(KumaTipApp<OnPostgres> app) : ThreatLookupSettingsApiTests<OnPostgres>(app);
