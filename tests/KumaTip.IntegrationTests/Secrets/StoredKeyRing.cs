using System.Data.Common;
using System.Net;
using System.Xml.Linq;
using KumaTip.Application.Identity;
using KumaTip.Application.Secrets.DataProtectionKeys;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KumaTip.IntegrationTests.Secrets;

/// <summary>
/// The Data Protection key ring rows exactly as stored, read and written with plain SQL (neither EF Core nor the
/// framework in between), and sign-in cookies kept outside any one app so they can be shown to another instance.
/// </summary>
public static class StoredKeyRing
{
    public static readonly XNamespace FrameworkNamespace = "http://schemas.asp.net/2015/03/dataProtection";

    /// <summary>Rows of the key ring that hold a key (revocations are left out).</summary>
    public static async Task<List<(int Id, XElement Key)>> KeysAsync<TDb>(this KumaTipApp<TDb> app)
        where TDb : IDatabaseKind
    {
        await using var connection = await OpenAsync(app);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Id\", \"Xml\" FROM \"DataProtectionKeys\" ORDER BY \"Id\"";
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<(int, XElement)>();
        while (await reader.ReadAsync())
        {
            var xml = XElement.Parse(reader.GetString(1));
            if (xml.Name == "key")
            {
                keys.Add((reader.GetInt32(0), xml));
            }
        }

        return keys;
    }

    public static async Task WriteKeyAsync<TDb>(this KumaTipApp<TDb> app, int id, XElement key)
        where TDb : IDatabaseKind
    {
        await using var connection = await OpenAsync(app);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE \"DataProtectionKeys\" SET \"Xml\" = @xml WHERE \"Id\" = @id";
        AddParameter(command, "@xml", key.ToString(SaveOptions.DisableFormatting));
        AddParameter(command, "@id", id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>The key's secret part opened with the app's own master keys: what must never be stored as it is.</summary>
    public static string KeyMaterialOf<TDb>(this KumaTipApp<TDb> app, XElement key)
        where TDb : IDatabaseKind
    {
        var sealedElement = key.Descendants(FrameworkNamespace + "encryptedSecret").Single().Elements().Single();
        var masterKey = app.Services.GetRequiredService<MasterKeyXmlDecryptor>().Decrypt(sealedElement);
        return masterKey.Element("value")!.Value;
    }

    /// <summary>Signs the administrator in through the login form; the cookies live in the returned container.</summary>
    public static async Task<CookieContainer> SignInWithCookieJarAsync<TDb>(this KumaTipApp<TDb> app)
        where TDb : IDatabaseKind
    {
        var cookies = new CookieContainer();
        var response = await app.CreateDefaultClient(new CookieContainerHandler(cookies)).PostFormAsync(
            "/Account/Login",
            new() { ["UserName"] = AdminBootstrap.AdminUserName, ["Password"] = KumaTipApp<TDb>.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return cookies;
    }

    /// <summary>What the events page answers to a browser holding <paramref name="cookies"/>: 200 when signed in, a redirect to the login page otherwise.</summary>
    public static async Task<HttpStatusCode> EventsPageStatusAsync(this WebApplicationFactory<Program> app, CookieContainer cookies) =>
        (await app.CreateDefaultClient(new CookieContainerHandler(cookies)).GetAsync("/Events")).StatusCode;

    private static async Task<DbConnection> OpenAsync<TDb>(KumaTipApp<TDb> app)
        where TDb : IDatabaseKind
    {
        DbConnection connection = app.Provider == "Sqlite" ? new SqliteConnection(app.ConnectionString) : new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
