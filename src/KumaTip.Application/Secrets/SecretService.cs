using System.Security.Cryptography;
using KumaTip.Application.Audit;
using KumaTip.Application.Common;
using KumaTip.Application.Resources;
using KumaTip.Application.Secrets.Certificates;

namespace KumaTip.Application.Secrets;

/// <summary>
/// Resources → Secrets: <c>kti</c> secrets, on the skeleton every sealed resource shares. The PFX is checked before
/// anything is stored.
/// </summary>
public sealed class SecretService(SealedResourceDependencies dependencies, PfxInspector inspector)
    : SealedResourceService<Secret, SecretInput, SecretSummary>(dependencies, new ResourceKind(SecretFields.ObjectType, "secret", "Secret"))
{
    protected override Result<SecretInput> Validate(SecretInput input, Secret? existing)
    {
        var creating = existing is null;
        if (!string.IsNullOrWhiteSpace(input.Type) && input.Type.Trim() != SecretTypes.Kti)
        {
            return Error.Invalid("Type", $"Type must be {SecretTypes.Kti}.");
        }

        var credential = CheckText(input.UserName, "UserName", "User", MaxCredentialLength, required: creating)
            ?? CheckText(input.Password, "Password", "Password", MaxCredentialLength, required: creating);
        if (credential is not null)
        {
            return credential;
        }

        if (creating && input.Pfx is not { Length: > 0 })
        {
            return new Error("pfx_missing", "Choose a PFX file.") { Field = PfxInspector.PfxField };
        }

        if (input.Pfx is { Length: > 0 } && string.IsNullOrEmpty(input.PfxPassword))
        {
            return new Error("pfx_password_required", "Enter the password of the PFX file.") { Field = PfxInspector.PasswordField };
        }

        return CheckText(input.PfxPassword, "PfxPassword", "PFX password", MaxCredentialLength, required: creating) is { } pfxPassword ? pfxPassword : input;
    }

    protected override async Task<Error?> ApplyAsync(Secret secret, SecretInput input, ChangedFields changed, CancellationToken ct)
    {
        var pfx = await input.Pfx.ReadAllBytesAsync(ct);
        if (pfx is not null || !string.IsNullOrEmpty(input.PfxPassword))
        {
            var certificate = pfx is not null ? inspector.Inspect(pfx, input.PfxPassword, Time.GetUtcNow()) : CheckStoredPfx(secret, input.PfxPassword!);
            if (!certificate.Succeeded)
            {
                return certificate.Error;
            }

            ApplyCertificate(secret, certificate.Value!);
        }

        changed.Set("Type", secret.Type, SecretTypes.Kti, v => secret.Type = v);
        return Seal(secret, changed, SecretFields.UserName, input.UserName?.Trim(), v => secret.SealedUserName = v)
            ?? Seal(secret, changed, SecretFields.Password, input.Password, v => secret.SealedPassword = v)
            ?? Seal(secret, changed, SecretFields.Pfx, pfx, v => secret.SealedPfx = v)
            ?? Seal(secret, changed, SecretFields.PfxPassword, input.PfxPassword, v => secret.SealedPfxPassword = v);
    }

    protected override SecretSummary Summarise(Secret secret, string tenantName) => SecretSummary.Of(secret, tenantName, Time.GetUtcNow());

    private static void ApplyCertificate(Secret secret, PfxInfo certificate)
    {
        secret.CertificateSubject = certificate.Subject;
        secret.CertificateIssuer = certificate.Issuer;
        secret.CertificateThumbprint = certificate.Thumbprint;
        secret.CertificateNotBefore = certificate.NotBefore;
        secret.CertificateNotAfter = certificate.NotAfter;
    }

    /// <summary>A new PFX password without a new file: it must open the PFX already stored.</summary>
    private Result<PfxInfo> CheckStoredPfx(Secret secret, string pfxPassword)
    {
        var stored = Unseal(secret, SecretFields.Pfx, secret.SealedPfx);
        if (!stored.Succeeded)
        {
            return stored.Error!;
        }

        var pfx = stored.Value!;
        try
        {
            var checkedPfx = inspector.Inspect(pfx, pfxPassword, Time.GetUtcNow());
            return checkedPfx.Succeeded || checkedPfx.Error!.Code != "pfx_password_wrong"
                ? checkedPfx
                : new Error("pfx_password_wrong", "The PFX password does not open the stored PFX file. Upload the PFX file together with its password.") { Field = PfxInspector.PasswordField };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pfx);
        }
    }
}
