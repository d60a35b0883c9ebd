using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KumaTip.Application.Common;
using KumaTip.Application.Secrets.Certificates;

namespace KumaTip.UnitTests.Secrets;

public sealed class PfxInspectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly PfxInspector _inspector = new();

    [Fact]
    public void A_valid_pfx_is_described_without_its_secrets()
    {
        using var certificate = TestPfx.Certificate(Now.AddDays(-100), new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var pfx = TestPfx.Export(certificate, TestPfx.Password);

        var info = _inspector.Inspect(pfx, TestPfx.Password, Now).Value!;

        Assert.Equal("CN=KumaTip Test Client, O=SOC", info.Subject);
        Assert.Equal(info.Subject, info.Issuer);
        Assert.Equal(certificate.Thumbprint, info.Thumbprint);
        Assert.Matches("^[0-9A-F]{40}$", info.Thumbprint);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(certificate.RawData)), info.Sha256Thumbprint);
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), info.NotAfter);
        Assert.Equal(TimeSpan.Zero, info.NotAfter.Offset);
        Assert.True(info.HasPrivateKey);
        Assert.False(info.ExpiresSoon);
        Assert.Null(info.Warning);
        Assert.Equal("RSA 2048", info.KeyAlgorithm);
        Assert.DoesNotContain(TestPfx.Password, info.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_ecdsa_certificate_is_accepted()
    {
        var pfx = TestPfx.Create(Now.AddDays(-1), Now.AddYears(1), ecdsa: true);

        Assert.Equal("ECDSA P-256", _inspector.Inspect(pfx, TestPfx.Password, Now).Value?.KeyAlgorithm);
    }

    [Fact]
    public void A_pfx_with_its_issuing_ca_describes_the_client_certificate()
    {
        var pfx = TestPfx.WithChain(Now, out var clientThumbprint);

        var info = _inspector.Inspect(pfx, TestPfx.Password, Now).Value!;

        Assert.Equal(clientThumbprint, info.Thumbprint);
        Assert.Equal("CN=KumaTip Test CA", info.Issuer);
    }

    [Fact]
    public void A_pfx_without_a_password_opens_with_none_or_an_empty_one()
    {
        var pfx = TestPfx.Valid(Now, password: null);

        Assert.True(_inspector.Inspect(pfx, null, Now).Succeeded);
        Assert.True(_inspector.Inspect(pfx, string.Empty, Now).Succeeded);
    }

    [Fact]
    public void Wrong_password_is_told_apart_from_a_file_that_is_no_pfx()
    {
        var wrong = _inspector.Inspect(TestPfx.Valid(Now), "not-the-password", Now).Error;
        var garbage = new byte[2048];
        new Random(7).NextBytes(garbage);
        var notPfx = _inspector.Inspect(garbage, TestPfx.Password, Now).Error;

        AssertError(wrong, "pfx_password_wrong", "The PFX password is wrong.", PfxInspector.PasswordField);
        AssertError(notPfx, "pfx_not_pkcs12", "The file is not a PFX (PKCS#12) file.", PfxInspector.PfxField);
    }

    [Fact]
    public void A_certificate_file_or_text_is_no_pfx()
    {
        using var certificate = TestPfx.Certificate(Now.AddDays(-1), Now.AddYears(1));

        Assert.Equal("pfx_not_pkcs12", _inspector.Inspect(certificate.RawData, TestPfx.Password, Now).Error?.Code);
        Assert.Equal("pfx_not_pkcs12", _inspector.Inspect("-----BEGIN CERTIFICATE-----\n"u8.ToArray(), null, Now).Error?.Code);
    }

    [Fact]
    public void A_pfx_without_the_private_key_is_refused()
    {
        var error = _inspector.Inspect(TestPfx.WithoutPrivateKey(Now), TestPfx.Password, Now).Error;

        Assert.Equal("pfx_no_private_key", error?.Code);
        Assert.StartsWith("The PFX holds no certificate with its private key", error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_certificate_is_refused_with_its_date()
    {
        var pfx = TestPfx.Create(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var error = _inspector.Inspect(pfx, TestPfx.Password, Now).Error;

        Assert.Equal("pfx_expired", error?.Code);
        Assert.StartsWith("The certificate expired on 2026-01-01.", error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_not_yet_valid_is_refused_with_its_date()
    {
        var pfx = TestPfx.Create(new DateTimeOffset(2026, 7, 15, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 7, 15, 0, 0, 0, TimeSpan.Zero));

        var error = _inspector.Inspect(pfx, TestPfx.Password, Now).Error;

        AssertError(error, "pfx_not_yet_valid", "The certificate is not valid before 2026-07-15.", PfxInspector.PfxField);
    }

    [Fact]
    public void A_certificate_expiring_within_30_days_is_accepted_with_a_warning()
    {
        var pfx = TestPfx.Create(Now.AddYears(-1), Now.AddDays(10));

        var info = _inspector.Inspect(pfx, TestPfx.Password, Now).Value!;

        Assert.True(info.ExpiresSoon);
        Assert.Equal("The certificate expires on 2026-06-11 (in 10 days). Ask Kaspersky for a new certificate.", info.Warning);
        Assert.False(_inspector.Inspect(TestPfx.Create(Now.AddYears(-1), Now.AddDays(31)), TestPfx.Password, Now).Value!.ExpiresSoon);
    }

    [Fact]
    public void A_file_over_1_MiB_is_refused_before_it_is_parsed()
    {
        var error = _inspector.Inspect(new byte[(1024 * 1024) + 1], TestPfx.Password, Now).Error;
        var bigger = _inspector.Inspect(new byte[1258291], TestPfx.Password, Now).Error;

        AssertError(error, "pfx_too_large", "The PFX file is 1.1 MiB; at most 1 MiB is accepted.", PfxInspector.PfxField);
        Assert.Equal("The PFX file is 1.2 MiB; at most 1 MiB is accepted.", bigger?.Message);
    }

    [Fact]
    public void No_file_asks_for_one()
    {
        AssertError(_inspector.Inspect(null, TestPfx.Password, Now).Error, "pfx_missing", "Choose a PFX file.", PfxInspector.PfxField);
        AssertError(_inspector.Inspect([], TestPfx.Password, Now).Error, "pfx_missing", "Choose a PFX file.", PfxInspector.PfxField);
    }

    [Fact]
    public void No_refusal_repeats_the_password_or_the_file()
    {
        const string Password = "Tr1cky-pfx-secret-Ω";
        var valid = TestPfx.Valid(Now, Password);
        var garbage = new byte[512];
        new Random(3).NextBytes(garbage);
        var cases = new (byte[] Pfx, string Password)[]
        {
            (valid, "wrong-" + Password),
            (valid, Password[..8]),
            (garbage, Password),
            (TestPfx.WithoutPrivateKey(Now), Password),
            (TestPfx.Create(Now.AddYears(-2), Now.AddYears(-1), Password), Password),
            (new byte[(1024 * 1024) + 1], Password),
        };

        foreach (var (pfx, password) in cases)
        {
            var error = _inspector.Inspect(pfx, password, Now).Error;

            Assert.NotNull(error);
            AssertRevealsNothing(error.ToString(), password, pfx);
            AssertRevealsNothing(error.ToString(), Password, pfx);
        }
    }

    [Fact]
    public void Loading_with_a_wrong_password_throws_without_the_password()
    {
        const string Wrong = "Wr0ng-pfx-password-17";
        var pfx = TestPfx.Valid(Now);

        var error = Assert.ThrowsAny<CryptographicException>(() => _inspector.LoadClientCertificate(pfx, Wrong));

        AssertRevealsNothing(error.ToString(), Wrong, pfx);
        AssertRevealsNothing(error.ToString(), TestPfx.Password, pfx);
    }

    [Fact]
    public async Task The_loaded_client_certificate_authenticates_a_tls_client_on_loopback()
    {
        var pfx = TestPfx.WithChain(DateTimeOffset.UtcNow, out var clientThumbprint);
        using var client = _inspector.LoadClientCertificate(pfx, TestPfx.Password);
        Assert.True(client.HasPrivateKey);
        Assert.Equal(clientThumbprint, client.Thumbprint);

        var seenByServer = await HandshakeOnLoopback(client);

        Assert.Equal(clientThumbprint, seenByServer);
    }

    private static async Task<string?> HandshakeOnLoopback(X509Certificate2 clientCertificate)
    {
        using var serverCertificate = TestPfx.Certificate(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), "CN=localhost");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync(timeout.Token);
            await using var tls = new SslStream(socket.GetStream());
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = serverCertificate,
                    ClientCertificateRequired = true,
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
                },
                timeout.Token);
            var thumbprint = (tls.RemoteCertificate as X509Certificate2)?.Thumbprint;
            await tls.WriteAsync(new byte[] { 1 }, timeout.Token);
            return thumbprint;
        });

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        await using var clientTls = new SslStream(tcp.GetStream());
        await clientTls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [clientCertificate],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
            timeout.Token);
        var buffer = new byte[1];
        await clientTls.ReadExactlyAsync(buffer, timeout.Token);
        return await server;
    }

    private static void AssertError(Error? error, string code, string message, string field)
    {
        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
        Assert.Equal(field, error.Field);
    }

    private static void AssertRevealsNothing(string text, string password, byte[] pfx)
    {
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(pfx.AsSpan(0, 24)), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(pfx.AsSpan(0, 16)), text, StringComparison.OrdinalIgnoreCase);
    }
}
