using KumaTip.TipSimulator.Data;
using KumaTip.TipSimulator.Faults;

namespace KumaTip.TipSimulator.Hosting;

/// <summary>Everything one simulator instance remembers, shared by the API, the admin endpoints and the in-process controls.</summary>
internal sealed class SimulatorState(SimulatorOptions options)
{
    public AccountBook Accounts { get; } = new(options);

    public DayQuotaLedger Quota { get; } = new(options.DayQuota, options.TimeProvider);

    public RequestLedger Requests { get; } = new();

    public FaultInjector Faults { get; } = new(options.Faults);

    public ThreatCatalog Catalog { get; } = new();

    public string AccessType { get; } = options.AccessType;

    /// <summary>Forgets counts and today's usage, and puts the configured faults back.</summary>
    public void Reset()
    {
        Requests.Reset();
        Quota.Reset();
        Faults.Current = options.Faults;
    }
}
