using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Secrets;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.TipSimulator.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.Bench;

/// <summary>
/// The TIP simulator in this process over real mutual TLS, connected to the app the way demo mode and the
/// integration tests do it: its client PFX and Basic credentials stored as a sealed <c>kti</c> secret, and the
/// Threat Lookup settings pointing at it, trusting its CA.
/// </summary>
public sealed class SimulatedTip : IAsyncDisposable
{
    private SimulatedTip(SimulatorHost simulator) => Simulator = simulator;

    public SimulatorHost Simulator { get; }

    /// <param name="services">The application's root services.</param>
    /// <param name="tenantId">The tenant owning the secret.</param>
    /// <param name="licenceQuota">Threat Lookup requests the licence grants: high enough that the benchmark never runs out.</param>
    /// <param name="maxParallelRequests">The settings' limit on parallel upstream requests.</param>
    public static async Task<SimulatedTip> StartAsync(IServiceProvider services, Guid tenantId, int licenceQuota, int maxParallelRequests)
    {
        var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { DayQuota = 10_000_000 });
        try
        {
            await using var scope = services.CreateAsyncScope();
            var provider = scope.ServiceProvider;
            provider.GetRequiredService<TenantAccess>().GrantAll();
            provider.GetRequiredService<CurrentUser>().SetSystem("bench");

            var secret = await provider.GetRequiredService<SecretService>().CreateAsync(
                new SecretInput
                {
                    Name = "TIP simulator (bench)",
                    TenantId = tenantId,
                    UserName = simulator.UserName,
                    Password = simulator.Password,
                    Pfx = UploadedFile.FromBytes(simulator.Certificates.ClientPfxBytes, "client.pfx"),
                    PfxPassword = simulator.Certificates.ClientPfxPassword,
                    Description = "Created by the benchmark.",
                },
                CancellationToken.None);
            if (!secret.Succeeded)
            {
                throw new InvalidOperationException("The simulator's secret could not be stored: " + secret.Error!.Message);
            }

            var settings = await provider.GetRequiredService<ThreatLookupSettingsService>().UpdateAsync(
                new ThreatLookupSettingsInput(
                    Disabled: false, SecretId: secret.Value!.Id, ProxyId: null, BaseUrl: simulator.BaseUrl.ToString(),
                    PortalUrl: ThreatLookupSettings.DefaultBaseUrl, ExtraCaPem: simulator.Certificates.CaCertificatePem,
                    SecretPassword: simulator.Password,
                    LicenceQuota: licenceQuota, LicencePeriodEnd: DateOnly.FromDateTime(DateTime.UtcNow.AddDays(90)),
                    MaxParallelRequests: maxParallelRequests),
                CancellationToken.None);
            if (!settings.Succeeded)
            {
                throw new InvalidOperationException("The Threat Lookup settings could not be saved: " + settings.Error!.Message);
            }

            return new SimulatedTip(simulator);
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Simulator.DisposeAsync();
}
