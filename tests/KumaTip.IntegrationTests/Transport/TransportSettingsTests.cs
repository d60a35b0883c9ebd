using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KumaTip.IntegrationTests.Secrets;

namespace KumaTip.IntegrationTests.Transport;

/// <summary>A wrong TLS or proxy setting stops the start with a message that names the setting.</summary>
public abstract class TransportSettingsTests<TDb>
    where TDb : IDatabaseKind
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kumatip-tls-settings-").FullName;

    [Fact]
    public async Task A_certificate_path_with_no_file_stops_the_start()
    {
        var failure = await StartFailureAsync(Setting("Kestrel:Certificates:Default:Path", "/nowhere/kumatip.pfx"));

        Assert.Contains("Kestrel:Certificates:Default:Path: there is no file at '/nowhere/kumatip.pfx'.", failure);
    }

    [Fact]
    public async Task A_PFX_with_the_wrong_password_stops_the_start_without_showing_the_password()
    {
        var path = Path.Combine(_folder, "server.pfx");
        await File.WriteAllBytesAsync(path, TestCertificates.Pfx("Right-Pass-1"));

        var failure = await StartFailureAsync(
            Setting("Kestrel:Certificates:Default:Path", path), Setting("Kestrel:Certificates:Default:Password", "Wrong-Pass-1"));

        Assert.Contains($"Kestrel:Certificates:Default: the certificate in '{path}' cannot be read", failure);
        Assert.DoesNotContain("Wrong-Pass-1", failure);
    }

    [Fact]
    public async Task A_PEM_certificate_needs_its_key()
    {
        var (certificate, key) = await PemFilesAsync();

        Assert.Contains("cannot be read", await StartFailureAsync(Setting("Kestrel:Certificates:Default:Path", certificate)));
        Assert.Contains(
            "Kestrel:Certificates:Default:KeyPath: there is no file at",
            await StartFailureAsync(Setting("Kestrel:Certificates:Default:Path", certificate), Setting("Kestrel:Certificates:Default:KeyPath", key + ".missing")));

        await using var app = new ConfiguredApp([Setting("Kestrel:Certificates:Default:Path", certificate), Setting("Kestrel:Certificates:Default:KeyPath", key)]);
        await app.InitializeAsync();
    }

    [Fact]
    public async Task A_known_proxy_that_is_no_address_stops_the_start()
    {
        var failure = await StartFailureAsync(Setting("ForwardedHeaders:KnownProxies:0", "proxy.example"), Setting("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33"));

        Assert.True(failure.Contains("ForwardedHeaders:KnownProxies: 'proxy.example' is not an IP address.", StringComparison.Ordinal), failure);
        Assert.True(failure.Contains("ForwardedHeaders:KnownNetworks: '10.0.0.0/33' is not a network in CIDR notation", StringComparison.Ordinal), failure);
    }

    private static KeyValuePair<string, string?> Setting(string key, string value) => new(key, value);

    private static async Task<string> StartFailureAsync(params KeyValuePair<string, string?>[] settings)
    {
        await using var app = new ConfiguredApp(settings);
        var failure = await Record.ExceptionAsync(app.InitializeAsync);
        Assert.NotNull(failure);
        return failure.ToString();
    }

    private async Task<(string Certificate, string Key)> PemFilesAsync()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=kumatip.test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var (certificatePath, keyPath) = (Path.Combine(_folder, "server.crt"), Path.Combine(_folder, "server.key"));
        await File.WriteAllTextAsync(certificatePath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    private sealed class ConfiguredApp(KeyValuePair<string, string?>[] settings) : KumaTipApp<TDb>
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => settings;
    }
}

public sealed class TransportSettingsTestsOnSqlite : TransportSettingsTests<OnSqlite>;

public sealed class TransportSettingsTestsOnPostgres : TransportSettingsTests<OnPostgres>;
