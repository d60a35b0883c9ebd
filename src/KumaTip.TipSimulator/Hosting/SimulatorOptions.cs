using System.Net;
using KumaTip.TipSimulator.Certificates;
using KumaTip.TipSimulator.Faults;

namespace KumaTip.TipSimulator.Hosting;

/// <summary>How a <see cref="SimulatorHost"/> listens, whom it lets in, and how it misbehaves.</summary>
public sealed class SimulatorOptions
{
    public const string DefaultUserName = "kumatip";

    /// <summary>A fake service's fake password; pass your own accounts for anything but a local demo.</summary>
    public const string DefaultPassword = "tip-simulator-password";

    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>The HTTPS port of the API; 0 takes a free one.</summary>
    public int Port { get; set; }

    /// <summary>The plain-HTTP admin port (always on loopback); 0 takes a free one.</summary>
    public int AdminPort { get; set; }

    /// <summary>Certificates to use; when null they are loaded from <see cref="CertificatesDirectory"/>, or else generated.</summary>
    public SimulatorCertificates? Certificates { get; set; }

    public string? CertificatesDirectory { get; set; }

    /// <summary>Accepted Basic credentials; when empty, <see cref="DefaultUserName"/>/<see cref="DefaultPassword"/>.</summary>
    public IList<SimulatorAccount> Accounts { get; } = [];

    /// <summary>Users who never logged in to the portal to accept its Terms and Conditions: 401 even with the right password.</summary>
    public ISet<string> UsersWithoutAcceptedTerms { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Users whose account has no API access: 403.</summary>
    public ISet<string> UsersWithoutApiAccess { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>LicenseInfo.DayQuota: requests per user and UTC day; past it, 403.</summary>
    public int DayQuota { get; set; } = 200;

    /// <summary>LicenseInfo.AccessType: Commercial or Trial.</summary>
    public string AccessType { get; set; } = "Commercial";

    /// <summary>Faults in force from the start, and again after a reset.</summary>
    public FaultSettings Faults { get; set; } = FaultSettings.None;

    /// <summary>The clock of the daily request counter (injected delays and TLS use real time).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

    internal IReadOnlyList<SimulatorAccount> EffectiveAccounts =>
        Accounts.Count > 0 ? [.. Accounts] : [new SimulatorAccount(DefaultUserName, DefaultPassword)];
}
