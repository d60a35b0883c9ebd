using KumaTip.Application.Resources;
using KumaTip.Application.Secrets.DataProtectionKeys;
using KumaTip.Application.Secrets.Rotation;
using KumaTip.Application.Secrets.Sealing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KumaTip.Application.Secrets;

public static class SecretsSetup
{
    /// <summary>
    /// Sealing (master keys, envelope encryption, PFX checks), the secrets service and master key rotation, which also
    /// covers the Data Protection keys sealed by <see cref="DataProtectionKeySealingSetup.ProtectKeysWithMasterKey"/>.
    /// </summary>
    public static IServiceCollection AddSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSecretSealing(configuration);
        services.TryAddScoped<SealedResourceDependencies>();
        services.AddScoped<SecretService>();
        services.AddScoped<SealedResourceService<Secret, SecretInput, SecretSummary>>(sp => sp.GetRequiredService<SecretService>());
        services.TryAddSingleton<MasterKeyXmlEncryptor>();
        services.AddScoped<StoredDataProtectionKeys>();
        services.AddScoped<MasterKeyUsage>();
        services.AddScoped<MasterKeyRotation>();
        return services;
    }
}
