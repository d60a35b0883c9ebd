using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace KumaTip.Web.Hosting;

/// <summary>
/// Kestrel's default certificate (<c>Kestrel:Certificates:Default</c>), served on every https address: a PFX
/// (<c>Path</c>, <c>Password</c>) or a PEM certificate and key (<c>Path</c>, <c>KeyPath</c>, and <c>Password</c> for an
/// encrypted key). Kestrel reads it itself; it is bound here too so that a wrong path or password stops the start with a
/// message naming the setting, before Kestrel would fail with a stack trace.
/// </summary>
public sealed class ServerCertificateSettings
{
    public const string Section = "Kestrel:Certificates:Default";

    public string? Path { get; set; }

    public string? KeyPath { get; set; }

    public string? Password { get; set; }

    /// <summary>Relative paths are read from the content root, as Kestrel reads them.</summary>
    public sealed class Check(IHostEnvironment environment) : IValidateOptions<ServerCertificateSettings>
    {
        public ValidateOptionsResult Validate(string? name, ServerCertificateSettings options)
        {
            if (options.Path is null)
            {
                return options.KeyPath is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail($"{Section}:KeyPath is set without {Section}:Path.");
            }

            var path = System.IO.Path.Combine(environment.ContentRootPath, options.Path);
            var keyPath = options.KeyPath is null ? null : System.IO.Path.Combine(environment.ContentRootPath, options.KeyPath);
            if ((Missing(path, "Path") ?? Missing(keyPath, "KeyPath")) is { } missing)
            {
                return ValidateOptionsResult.Fail(missing);
            }

            try
            {
                using var certificate = keyPath is null ? X509CertificateLoader.LoadPkcs12FromFile(path, options.Password)
                    : options.Password is null ? X509Certificate2.CreateFromPemFile(path, keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, options.Password, keyPath);
                return certificate.HasPrivateKey
                    ? ValidateOptionsResult.Success
                    : ValidateOptionsResult.Fail($"{Section}: the certificate in '{options.Path}' comes without its private key.");
            }
            catch (CryptographicException e)
            {
                return ValidateOptionsResult.Fail(
                    $"{Section}: the certificate in '{options.Path}' cannot be read ({e.Message}). Give a PFX with its Password, or a PEM certificate with its KeyPath.");
            }
        }

        private static string? Missing(string? path, string setting) =>
            path is null || File.Exists(path) ? null : $"{Section}:{setting}: there is no file at '{path}'.";
    }
}
