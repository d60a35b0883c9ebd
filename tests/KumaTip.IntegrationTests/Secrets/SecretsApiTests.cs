using System.Net;
using KumaTip.Application.Audit;
using KumaTip.Application.Identity;
using KumaTip.IntegrationTests.Foundation;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Secrets;

public abstract class SecretsApiTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task Creating_a_secret_answers_with_what_the_ui_shows_and_never_a_credential()
    {
        var api = await app.AdminApiClientAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());

        var response = await api.PostAsync("/api/v1/secrets", secret.ToForm());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        var created = (await response.Content.ReadFromJsonAsync<SecretDto>())!;
        Assert.Equal((secret.Name, "kti", true, true, true, true), (created.Name, created.Type, created.UserNameSet, created.PasswordSet, created.PfxSet, created.PfxPasswordSet));
        Assert.Equal(TestCertificates.Subject, created.Certificate.Subject);
        Assert.Equal(40, created.Certificate.Thumbprint.Length);
        Assert.False(created.Certificate.ExpiresSoon);
        AssertHoldsNoCredential(json, secret);
        AssertHoldsNoCredential(await api.GetStringAsync($"/api/v1/secrets/{created.Id}"), secret);
        AssertHoldsNoCredential(await api.GetStringAsync("/api/v1/secrets"), secret);
        Assert.Equal(secret.Stored, await app.UnsealSecretAsync(created.Id));
    }

    [Theory]
    [InlineData("garbage", "pfx_not_pkcs12", "Pfx", "not a PFX")]
    [InlineData("wrong password", "pfx_password_wrong", "PfxPassword", "password is wrong")]
    [InlineData("no private key", "pfx_no_private_key", "Pfx", "no certificate with its private key")]
    [InlineData("expired", "pfx_expired", "Pfx", "expired on")]
    [InlineData("too large", "pfx_too_large", "Pfx", "at most 1 MiB")]
    [InlineData("no file", "pfx_missing", "Pfx", "Choose a PFX file")]
    public async Task A_bad_pfx_is_refused_with_its_own_message_and_nothing_is_stored(string kind, string code, string field, string message)
    {
        var api = await app.AdminApiClientAsync();
        var password = TestCertificates.UniqueSecret("pfxpw");
        var secret = TestSecret.New(await app.CreateTenantAsync(), pfxPassword: password) with
        {
            Pfx = kind switch
            {
                "garbage" => TestCertificates.Garbage(),
                "wrong password" => TestCertificates.Pfx("another password"),
                "no private key" => TestCertificates.WithoutPrivateKey(password),
                "expired" => TestCertificates.Expired(password),
                "too large" => TestCertificates.Garbage(1536 * 1024),
                _ => null!,
            },
        };

        var response = await api.PostAsync("/api/v1/secrets", secret.Pfx is null ? FormWithoutFile(secret) : secret.ToForm());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDto>())!;
        Assert.Equal((code, field), (problem.Code, problem.Field));
        Assert.Contains(message, problem.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(password, problem.Title, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountSecretsNamedAsync(secret.Name));
    }

    [Fact]
    public async Task A_certificate_expiring_within_30_days_is_accepted_with_a_warning_the_list_keeps_showing()
    {
        var api = await app.AdminApiClientAsync();
        var password = TestCertificates.UniqueSecret("pfxpw");
        var secret = TestSecret.New(await app.CreateTenantAsync(), TestCertificates.ExpiringIn(TimeSpan.FromDays(10), password), password);

        var response = await api.PostAsync("/api/v1/secrets", secret.ToForm());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<SecretDto>())!;
        Assert.True(created.Certificate.ExpiresSoon);
        Assert.Contains("expires on", created.Certificate.Warning, StringComparison.Ordinal);
        var listed = (await api.GetFromJsonAsync<List<SecretDto>>($"/api/v1/secrets?tenantId={secret.TenantId}"))!.Single();
        Assert.True(listed.Certificate.ExpiresSoon);
        Assert.InRange(listed.Certificate.DaysLeft, 9, 10);
    }

    [Fact]
    public async Task An_upload_over_2_MiB_is_refused_with_413_and_a_clear_message()
    {
        var api = await app.AdminApiClientAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync()) with { Pfx = TestCertificates.Garbage(3 * 1024 * 1024) };

        var response = await api.PostAsync("/api/v1/secrets", secret.ToForm());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDto>())!;
        Assert.Equal("upload_too_large", problem.Code);
        Assert.Contains("larger than 2 MiB", problem.Title, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountSecretsNamedAsync(secret.Name));
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_or_a_field_that_does_not_bind_is_refused_with_what_is_wrong()
    {
        var api = await app.AdminApiClientAsync();

        var json = await api.PostAsJsonAsync("/api/v1/secrets", new { name = "sent as JSON" });
        var badTenant = await api.PostAsync("/api/v1/secrets", SecretForms.Build(new() { ["name"] = "bad tenant", ["tenantId"] = "not-a-guid" }));

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal("form_expected", (await json.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
        Assert.Equal(HttpStatusCode.BadRequest, badTenant.StatusCode);
        var problem = (await badTenant.Content.ReadFromJsonAsync<ProblemDto>())!;
        Assert.Equal("malformed_request", problem.Code);
        Assert.Contains("TenantId", problem.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_keeps_every_credential_not_sent_again()
    {
        var api = await app.AdminApiClientAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());
        var created = await CreateAsync(api, secret);

        var response = await api.PutAsync($"/api/v1/secrets/{created.Id}", FormWithoutFile(secret with { Name = secret.Name + " renamed", UserName = "", Password = "", PfxPassword = "" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = (await response.Content.ReadFromJsonAsync<SecretDto>())!;
        Assert.Equal((secret.Name + " renamed", created.Version + 1), (changed.Name, changed.Version));
        Assert.Equal(secret.Stored, await app.UnsealSecretAsync(created.Id));
    }

    [Fact]
    public async Task A_new_password_replaces_only_the_password()
    {
        var api = await app.AdminApiClientAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());
        var created = await CreateAsync(api, secret);
        var newPassword = TestCertificates.UniqueSecret("newpw");

        var response = await api.PutAsync($"/api/v1/secrets/{created.Id}", FormWithoutFile(secret with { UserName = "", Password = newPassword, PfxPassword = "" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((secret with { Password = newPassword }).Stored, await app.UnsealSecretAsync(created.Id));
    }

    [Fact]
    public async Task A_new_pfx_needs_its_password_and_then_replaces_the_certificate()
    {
        var api = await app.AdminApiClientAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());
        var created = await CreateAsync(api, secret);
        var newPassword = TestCertificates.UniqueSecret("newpfxpw");
        var newPfx = TestCertificates.Pfx(newPassword, subject: "CN=Renewed Client");

        var withoutPassword = await api.PutAsync($"/api/v1/secrets/{created.Id}", (secret with { Pfx = newPfx, UserName = "", Password = "", PfxPassword = "" }).ToForm());
        var withPassword = await api.PutAsync($"/api/v1/secrets/{created.Id}", (secret with { Pfx = newPfx, UserName = "", Password = "", PfxPassword = newPassword }).ToForm());

        Assert.Equal(HttpStatusCode.BadRequest, withoutPassword.StatusCode);
        Assert.Equal(("pfx_password_required", "PfxPassword"), await CodeAndFieldAsync(withoutPassword));
        Assert.Equal(HttpStatusCode.OK, withPassword.StatusCode);
        Assert.Equal("CN=Renewed Client", (await withPassword.Content.ReadFromJsonAsync<SecretDto>())!.Certificate.Subject);
        Assert.Equal((secret with { Pfx = newPfx, PfxPassword = newPassword }).Stored, await app.UnsealSecretAsync(created.Id));
    }

    [Fact]
    public async Task A_new_pfx_password_alone_must_open_the_stored_pfx()
    {
        var api = await app.AdminApiClientAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());
        var created = await CreateAsync(api, secret);

        var wrong = await api.PutAsync($"/api/v1/secrets/{created.Id}", FormWithoutFile(secret with { UserName = "", Password = "", PfxPassword = "not the password" }));
        var right = await api.PutAsync($"/api/v1/secrets/{created.Id}", FormWithoutFile(secret with { UserName = "", Password = "", PfxPassword = secret.PfxPassword }));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var problem = (await wrong.Content.ReadFromJsonAsync<ProblemDto>())!;
        Assert.Equal(("pfx_password_wrong", "PfxPassword"), (problem.Code, problem.Field));
        Assert.Contains("stored PFX", problem.Title, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task A_stale_version_is_refused_instead_of_overwriting_another_change()
    {
        var api = await app.AdminApiClientAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());
        var created = await CreateAsync(api, secret);
        await api.PutAsync($"/api/v1/secrets/{created.Id}", FormWithoutFile(secret with { Description = "first", UserName = "", Password = "", PfxPassword = "" }));

        var stale = FormWithoutFile(secret with { Description = "second", UserName = "", Password = "", PfxPassword = "" });
        stale.Add(new StringContent(created.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), "version");
        var response = await api.PutAsync($"/api/v1/secrets/{created.Id}", stale);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("changed_meanwhile", (await CodeAndFieldAsync(response)).Code);
    }

    [Fact]
    public async Task Names_are_unique_within_a_tenant_only()
    {
        var api = await app.AdminApiClientAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());
        await CreateAsync(api, secret);

        var sameTenant = await api.PostAsync("/api/v1/secrets", (TestSecret.New(secret.TenantId) with { Name = secret.Name }).ToForm());
        var otherTenant = await api.PostAsync("/api/v1/secrets", (TestSecret.New(await app.CreateTenantAsync()) with { Name = secret.Name }).ToForm());

        Assert.Equal(HttpStatusCode.Conflict, sameTenant.StatusCode);
        Assert.Equal(("secret_exists", "Name"), await CodeAndFieldAsync(sameTenant));
        Assert.Equal(HttpStatusCode.Created, otherTenant.StatusCode);
    }

    [Theory]
    [InlineData("", "Name", "Name is required")]
    [InlineData("long name", "Name", "at most 128 characters")]
    [InlineData("long description", "Description", "at most 4000 characters")]
    [InlineData("no user", "UserName", "User is required")]
    [InlineData("no password", "Password", "Password is required")]
    [InlineData("other type", "Type", "Type must be kti")]
    public async Task Required_fields_and_lengths_are_checked(string kind, string field, string message)
    {
        var api = await app.AdminApiClientAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());
        var form = kind switch
        {
            "long name" => (secret with { Name = new string('n', 129) }).ToForm(),
            "long description" => (secret with { Description = new string('d', 4001) }).ToForm(),
            "no user" => (secret with { UserName = "" }).ToForm(),
            "no password" => (secret with { Password = "" }).ToForm(),
            "other type" => SecretForms.Build(new() { ["name"] = secret.Name, ["tenantId"] = secret.TenantId.ToString(), ["type"] = "token" }, secret.Pfx),
            _ => (secret with { Name = "" }).ToForm(),
        };

        var response = await api.PostAsync("/api/v1/secrets", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDto>())!;
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_used_by_the_threat_lookup_settings_cannot_be_deleted_and_the_message_says_where()
    {
        var api = await app.AdminApiClientAsync();
        var created = await CreateAsync(api, TestSecret.New(await app.CreateTenantAsync()));
        await SettingsUseAsync(api, created.Id);

        var refused = await api.DeleteAsync($"/api/v1/secrets/{created.Id}");
        await SettingsUseAsync(api, null);
        var deleted = await api.DeleteAsync($"/api/v1/secrets/{created.Id}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<ProblemDto>())!;
        Assert.Equal("secret_in_use", problem.Code);
        Assert.Contains("The secret is used by Settings → Kaspersky Threat Lookup", problem.Title, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/secrets/{created.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_tenant_administrator_cannot_list_read_change_delete_or_create_secrets_of_another_tenant()
    {
        var admin = await app.AdminApiClientAsync();
        var tenantA = await app.CreateTenantAsync();
        var tenantB = await app.CreateTenantAsync();
        var ofA = await CreateAsync(admin, TestSecret.New(tenantA));
        var secretOfB = TestSecret.New(tenantB);
        var ofB = await CreateAsync(admin, secretOfB);
        var user = await app.CreateUserAsync(Roles.TenantAdministrator, tenantA);
        var api = await app.ApiClientAsync(user.UserName, user.Password);

        var listed = await api.GetFromJsonAsync<List<SecretDto>>("/api/v1/secrets");
        var read = await api.GetAsync($"/api/v1/secrets/{ofB.Id}");
        var changed = await api.PutAsync($"/api/v1/secrets/{ofB.Id}", FormWithoutFile(secretOfB with { Name = "taken over", UserName = "", Password = "", PfxPassword = "" }));
        var deleted = await api.DeleteAsync($"/api/v1/secrets/{ofB.Id}");
        var createdInB = await api.PostAsync("/api/v1/secrets", TestSecret.New(tenantB).ToForm());
        var movedToB = await api.PutAsync($"/api/v1/secrets/{ofA.Id}", FormWithoutFile(TestSecret.New(tenantB) with { UserName = "", Password = "", PfxPassword = "" }));
        var settings = await api.PutAsJsonAsync("/api/v1/settings/threat-lookup", new { disabled = false, secretId = ofB.Id });

        Assert.Equal([ofA.Id], listed!.Select(s => s.Id));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, changed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, createdInB.StatusCode);
        Assert.Equal(("tenant_not_found", "TenantId"), await CodeAndFieldAsync(createdInB));
        Assert.Equal(HttpStatusCode.NotFound, movedToB.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, settings.StatusCode);
        Assert.Equal(secretOfB.Name, (await admin.GetFromJsonAsync<SecretDto>($"/api/v1/secrets/{ofB.Id}"))!.Name);
    }

    [Fact]
    public async Task A_tenant_administrator_manages_the_secrets_of_his_tenant()
    {
        var tenant = await app.CreateTenantAsync();
        var user = await app.CreateUserAsync(Roles.TenantAdministrator, tenant);
        var api = await app.ApiClientAsync(user.UserName, user.Password);
        var secret = TestSecret.New(tenant);

        var created = await CreateAsync(api, secret);
        var changed = await api.PutAsync($"/api/v1/secrets/{created.Id}", FormWithoutFile(secret with { Description = "changed", UserName = "", Password = "", PfxPassword = "" }));
        var deleted = await api.DeleteAsync($"/api/v1/secrets/{created.Id}");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/secrets")]
    [InlineData("POST", "/api/v1/secrets")]
    [InlineData("GET", "/api/v1/proxies")]
    [InlineData("POST", "/api/v1/proxies")]
    [InlineData("GET", "/api/v1/settings/threat-lookup")]
    [InlineData("PUT", "/api/v1/settings/threat-lookup")]
    public async Task An_analyst_gets_403_from_every_secret_proxy_and_settings_endpoint(string method, string path)
    {
        var analyst = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var api = await app.ApiClientAsync(analyst.UserName, analyst.Password);

        var response = await api.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Every_change_is_audited_with_field_names_and_never_values()
    {
        var api = await app.AdminApiClientAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());
        var created = await CreateAsync(api, secret);
        var newPassword = TestCertificates.UniqueSecret("newpw");
        await api.PutAsync($"/api/v1/secrets/{created.Id}", FormWithoutFile(secret with { UserName = "", Password = newPassword, PfxPassword = "", Description = "changed" }));
        await api.DeleteAsync($"/api/v1/secrets/{created.Id}");

        var entries = await app.AsAdministratorAsync(sp => sp.GetRequiredService<AuditQueries>().ListAsync(new AuditFilter(null, "Secret", null, null), CancellationToken.None));
        var mine = entries.Where(e => e.ObjectId == created.Id.ToString()).OrderBy(e => e.Id).ToList();

        Assert.Equal(["create", "update", "delete"], mine.Select(e => e.Action));
        Assert.All(mine, e => Assert.Equal((secret.TenantId, AdminBootstrap.AdminUserName), (e.TenantId, e.UserName)));
        Assert.Contains("PfxPassword", mine[0].ChangedFields, StringComparison.Ordinal);
        Assert.Equal("Password,Description", mine[1].ChangedFields);
        Assert.All(mine, e => Assert.DoesNotContain(newPassword, e.ChangedFields ?? string.Empty, StringComparison.Ordinal));
    }

    internal static async Task<SecretDto> CreateAsync(HttpClient api, TestSecret secret)
    {
        var response = await api.PostAsync("/api/v1/secrets", secret.ToForm());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SecretDto>())!;
    }

    internal static async Task SettingsUseAsync(HttpClient api, Guid? secretId, Guid? proxyId = null)
    {
        var response = await api.PutAsJsonAsync("/api/v1/settings/threat-lookup", new { disabled = false, secretId, proxyId });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    internal static MultipartFormDataContent FormWithoutFile(TestSecret secret, string? prefix = null) =>
        SecretForms.Build(new()
        {
            ["name"] = secret.Name,
            ["tenantId"] = secret.TenantId.ToString(),
            ["type"] = "kti",
            ["userName"] = secret.UserName,
            ["password"] = secret.Password,
            ["pfxPassword"] = secret.PfxPassword,
            ["description"] = secret.Description ?? string.Empty,
        },
        prefix: prefix);

    internal static void AssertHoldsNoCredential(string text, TestSecret secret)
    {
        Assert.DoesNotContain(secret.UserName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.PfxPassword, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(secret.Pfx)[..40], text, StringComparison.Ordinal);
    }

    private static async Task<(string? Code, string? Field)> CodeAndFieldAsync(HttpResponseMessage response)
    {
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDto>())!;
        return (problem.Code, problem.Field);
    }
}

public sealed class SecretsApiTestsOnSqlite(KumaTipApp<OnSqlite> app) : SecretsApiTests<OnSqlite>(app);

public sealed class SecretsApiTestsOnPostgres(KumaTipApp<OnPostgres> app) : SecretsApiTests<OnPostgres>(app);
