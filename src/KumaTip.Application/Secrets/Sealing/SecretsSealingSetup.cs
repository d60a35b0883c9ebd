using KumaTip.Application.Persistence;
using KumaTip.Application.Secrets.Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.Secrets.Sealing;

public static class SecretsSealingSetup
{
    /// <summary>Master keys, envelope sealing and PFX checks, as singletons; a bad <c>Encryption</c> section stops start-up.</summary>
    public static IServiceCollection AddSecretSealing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EncryptionOptions>().Bind(configuration.GetSection(EncryptionOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EncryptionOptions>, EncryptionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Normally registered by AddPersistence; the same default here keeps this feature usable on its own.
        services.TryAddSingleton(_ => new DataDirectory(configuration["DataDirectory"] ?? "data"));

        services.AddSingleton<MasterKeyRing>();
        services.AddSingleton<SecretSealer>();
        services.AddSingleton<PfxInspector>();
        return services;
    }
}
