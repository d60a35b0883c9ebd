using System.Net;
using System.Text;
using KumaTip.Application.Identity;
using KumaTip.IntegrationTests.Proxies;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KumaTip.IntegrationTests.Secrets;

/// <summary>A copy of the database alone reveals no credential; neither do the logs.</summary>
public abstract class SealedAtRestTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task The_raw_database_holds_neither_the_password_nor_the_pfx_password_nor_the_pfx_of_a_secret_just_created()
    {
        var api = await app.AdminApiClientAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());
        var proxyPassword = TestCertificates.UniqueSecret("proxypw");
        await SecretsApiTests<TDb>.CreateAsync(api, secret);
        await ProxiesApiTests<TDb>.CreateAsync(api, secret.TenantId, "sealed", user: "proxy-user", password: proxyPassword);

        var raw = await RawDatabaseAsync();

        Assert.True(raw.Length > 10_000, "the dump is too small to hold the secret at all");
        Assert.True(Contains(raw, Encoding.UTF8.GetBytes(secret.Name)), "the dump misses even the secret's name: the scan reads the wrong data");
        foreach (var (what, needle) in Needles(secret.Password, "password")
                     .Concat(Needles(secret.PfxPassword, "PFX password"))
                     .Concat(Needles(secret.UserName, "user"))
                     .Concat(Needles(proxyPassword, "proxy password"))
                     .Concat(PfxNeedles(secret.Pfx)))
        {
            Assert.False(Contains(raw, needle), $"The raw database contains the {what}.");
        }
    }

    [Fact]
    public async Task Logs_of_the_whole_flow_hold_no_credential()
    {
        var api = await app.AdminApiClientAsync();
        var tenant = await app.CreateTenantAsync();
        var secret = TestSecret.New(tenant);
        var created = await SecretsApiTests<TDb>.CreateAsync(api, secret);
        var newPassword = TestCertificates.UniqueSecret("changedpw");
        await api.PutAsync($"/api/v1/secrets/{created.Id}", SecretsApiTests<TDb>.FormWithoutFile(secret with { UserName = "", Password = newPassword, PfxPassword = "" }));
        var wrongPfxPassword = TestCertificates.UniqueSecret("wrongpfxpw");
        await api.PostAsync("/api/v1/secrets", (TestSecret.New(tenant) with { PfxPassword = wrongPfxPassword }).ToForm());
        var browser = await app.SignInAsAdminAsync();
        var pageSecret = TestSecret.New(tenant);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostMultipartAsync("/Resources/Secrets/Edit", pageSecret.ToForm())).StatusCode);
        await browser.PostMultipartAsync("/Resources/Secrets/Edit", (TestSecret.New(tenant) with { PfxPassword = wrongPfxPassword }).ToForm());
        var tenantAdmin = await app.CreateUserAsync(Roles.TenantAdministrator, tenant);
        await app.SignInAsync(tenantAdmin.UserName, tenantAdmin.Password);

        foreach (var value in new[] { secret.Password, secret.PfxPassword, secret.UserName, newPassword, wrongPfxPassword, pageSecret.Password, pageSecret.PfxPassword, Convert.ToBase64String(secret.Pfx)[..40] })
        {
            CapturedLogs.AssertNoneContain(value);
        }

        // Every app of the run logs into the same capture: whatever other tests did is scanned for their values too.
        CapturedLogs.AssertNoneContain(KumaTipApp<TDb>.UserPassword);
        CapturedLogs.AssertNoneContain(KumaTipApp<TDb>.AdminPassword);
    }

    private static IEnumerable<(string What, byte[] Needle)> Needles(string value, string what)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        yield return (what, utf8);
        yield return (what + " (UTF-16)", Encoding.Unicode.GetBytes(value));
        yield return (what + " (hex)", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(utf8)));
        yield return (what + " (base64)", Encoding.ASCII.GetBytes(Convert.ToBase64String(utf8).TrimEnd('=')));
    }

    /// <summary>Any 64 bytes from the middle of the PFX, raw, as hex (how PostgreSQL prints bytea) and in base64.</summary>
    private static IEnumerable<(string What, byte[] Needle)> PfxNeedles(byte[] pfx)
    {
        var chunk = pfx.AsSpan(pfx.Length / 2, 64).ToArray();
        yield return ("PFX bytes", chunk);
        yield return ("PFX bytes (hex)", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(chunk)));
        yield return ("PFX bytes (base64)", Encoding.ASCII.GetBytes(Convert.ToBase64String(pfx).Substring(pfx.Length / 2, 64)));
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>SQLite: the database file itself (and its journal). PostgreSQL: every row of every table, as text.</summary>
    private async Task<byte[]> RawDatabaseAsync()
    {
        if (app.Provider == "Sqlite")
        {
            var file = new SqliteConnectionStringBuilder(app.ConnectionString).DataSource;
            var bytes = new List<byte>();
            foreach (var path in new[] { file, file + "-wal", file + "-journal" }.Where(File.Exists))
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                bytes.AddRange(copy.ToArray());
            }

            return [.. bytes];
        }

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                dump.AppendLine(reader.GetString(0));
            }
        }

        return Encoding.UTF8.GetBytes(dump.ToString());
    }
}

public sealed class SealedAtRestTestsOnSqlite(KumaTipApp<OnSqlite> app) : SealedAtRestTests<OnSqlite>(app);

public sealed class SealedAtRestTestsOnPostgres(KumaTipApp<OnPostgres> app) : SealedAtRestTests<OnPostgres>(app);
