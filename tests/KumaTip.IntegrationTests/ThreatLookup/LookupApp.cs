using KumaTip.Application.Common;
using KumaTip.Application.Secrets;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.TipSimulator.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.ThreatLookup;

/// <summary>
/// The app wired to an in-process TIP simulator over real mutual TLS: the simulator's client PFX is stored as a
/// sealed <c>kti</c> secret of tenant Main and chosen in the settings, as an administrator would do it.
/// </summary>
public class LookupApp<TDb> : KumaTipApp<TDb>, IAsyncLifetime
    where TDb : IDatabaseKind
{
    public SimulatorHost Simulator { get; private set; } = null!;

    public Guid MainTenantId { get; private set; }

    public Guid SecretId { get; private set; }

    /// <summary>A second instance on another one's database uses that one's simulator, secret and settings.</summary>
    public LookupApp<TDb>? SecondInstanceOf { get; init; }

    async Task IAsyncLifetime.InitializeAsync()
    {
        if (SecondInstanceOf is { } first)
        {
            (Simulator, MainTenantId, SecretId) = (first.Simulator, first.MainTenantId, first.SecretId);
            await InitializeAsync();
            return;
        }

        Simulator = await SimulatorHost.StartAsync(new SimulatorOptions { DayQuota = 100_000 });
        await InitializeAsync();
        MainTenantId = await AsAdministratorAsync(async sp =>
            (await sp.GetRequiredService<KumaTip.Application.Tenancy.TenantService>().ListAsync(CancellationToken.None)).Single(t => t.Name == "Main").Id);
        SecretId = await StoreSecretAsync("TIP simulator", Simulator.Password);
        await ConfigureAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (SecondInstanceOf is null)
        {
            await Simulator.DisposeAsync();
        }
    }

    /// <summary>The password of each secret stored here: a save pointing a secret at the simulator enters it again.</summary>
    private readonly Dictionary<Guid, string> _secretPasswords = [];

    public Task<Guid> StoreSecretAsync(string name, string password) => AsAdministratorAsync(async sp =>
    {
        var created = await sp.GetRequiredService<SecretService>().CreateAsync(
            new SecretInput
            {
                Name = name + " " + Guid.NewGuid().ToString("N")[..6],
                TenantId = MainTenantId,
                UserName = Simulator.UserName,
                Password = password,
                Pfx = UploadedFile.FromBytes(Simulator.Certificates.ClientPfxBytes, "client.pfx"),
                PfxPassword = Simulator.Certificates.ClientPfxPassword,
            },
            CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        _secretPasswords[created.Value!.Id] = password;
        return created.Value!.Id;
    });

    /// <summary>Saves the Threat Lookup settings pointing at the simulator (quota and secret as given).</summary>
    public Task ConfigureAsync(int quota = 100, Guid? secretId = null, bool disabled = false) => AsAdministratorAsync(async sp =>
    {
        var service = sp.GetRequiredService<ThreatLookupSettingsService>();
        var current = await service.GetAsync(CancellationToken.None);
        var saved = await service.UpdateAsync(
            new ThreatLookupSettingsInput(
                disabled, secretId ?? SecretId, null, Simulator.BaseUrl.ToString(), "https://tip.kaspersky.com",
                current.ExtraCaPem is null ? Simulator.Certificates.CaCertificatePem : null, LicenceQuota: quota,
                LicencePeriodEnd: DateOnly.FromDateTime(DateTime.UtcNow.AddDays(90)), RequestTimeoutSeconds: 10,
                SecretPassword: _secretPasswords.GetValueOrDefault(secretId ?? SecretId, Simulator.Password)),
            CancellationToken.None);
        Assert.True(saved.Succeeded, saved.Error?.Message);
        return 0;
    });

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Tasks:PollInterval", "00:00:00.200"),
        new("Tasks:RetryBaseDelay", "00:00:00.100"),
        new("ThreatLookup:Client:RetryBaseDelay", "00:00:00.050"),
    ];
}
