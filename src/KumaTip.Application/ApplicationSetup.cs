using KumaTip.Application.Audit;
using KumaTip.Application.Caching;
using KumaTip.Application.Demo;
using KumaTip.Application.Events;
using KumaTip.Application.Identity;
using KumaTip.Application.Identity.SignIn;
using KumaTip.Application.Persistence;
using KumaTip.Application.Proxies;
using KumaTip.Application.Retention;
using KumaTip.Application.Secrets;
using KumaTip.Application.Tasks;
using KumaTip.Application.Telemetry;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Client;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Application.ThreatLookup.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KumaTip.Application;

/// <summary>Registers every feature of the application layer; the web host calls this once.</summary>
public static class ApplicationSetup
{
    public static IServiceCollection AddKumaTipApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddPersistence();

        services.AddScoped<TenantAccess>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<TenantSelection>();
        services.AddScoped<TenantService>();
        services.AddChangeAwareCache<int, IReadOnlyList<Tenant>>(ChangeTopic.Access);

        services.AddScoped<AuditLog>();
        services.AddScoped<AuditQueries>();

        services.AddScoped<UserService>();
        services.AddOptions<SignInSettings>().BindConfiguration(SignInSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInGuard>();
        services.AddScoped<PasswordCheck>();
        services.AddScoped<IssuedTokens>();
        services.AddScoped<TokenService>();
        services.AddScoped<TokenValidator>();
        services.AddChangeAwareCache<string, ValidToken<TokenUser>?>(ChangeTopic.Access);
        services.AddScoped<UserStandings>();
        services.AddChangeAwareCache<Guid, UserStanding?>(ChangeTopic.Access);
        services.AddScoped<AdminBootstrap>();

        services.AddTasks();
        services.AddSecrets(configuration);
        services.AddProxies();
        services.AddThreatLookupSettings();
        services.AddThreatLookupClient();
        services.AddThreatLookups();
        services.AddEvents();
        services.AddRetention();
        services.AddKumaTipMetrics();
        services.AddDemo();
        return services;
    }
}
