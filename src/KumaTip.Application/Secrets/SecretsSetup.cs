using KumaTip.Application.Secrets.Rotation;
using KumaTip.Application.Secrets.Sealing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.Application.Secrets;

public static class SecretsSetup
{
    /// <summary>Sealing (master keys, envelope encryption, PFX checks), the secrets service and master key rotation.</summary>
    public static IServiceCollection AddSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSecretSealing(configuration);
        services.AddScoped<SecretService>();
        services.AddScoped<MasterKeyUsage>();
        services.AddScoped<MasterKeyRotation>();
        return services;
    }
}
