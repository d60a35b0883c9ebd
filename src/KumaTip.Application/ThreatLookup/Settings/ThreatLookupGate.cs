using KumaTip.Application.Common;

namespace KumaTip.Application.ThreatLookup.Settings;

/// <summary>
/// "Can Threat Lookup run now?", answered in one place with one stable code per condition: lookups ask before queuing
/// a task, the connection source before loading anything (so the task handler, the TIP client and Test connection
/// hear the same), and Test connection asks without the Disabled condition, so an account can be checked before it
/// is turned on. Cached data is answered without asking.
/// </summary>
public static class ThreatLookupGate
{
    private const string Where = "Settings → Kaspersky Threat Lookup";

    public static Error Disabled { get; } = new("threat_lookup_disabled", $"Threat Lookup is disabled in {Where}.", ErrorKind.Unavailable);

    public static Error NotConfigured { get; } = new(
        "threat_lookup_not_configured", $"Threat Lookup has no secret yet: an administrator chooses one in {Where}.", ErrorKind.Unavailable);

    /// <summary>Why Threat Lookup cannot run with these settings, or null when it can.</summary>
    public static Error? Check(ThreatLookupSettings settings, bool evenIfDisabled = false) =>
        settings.Disabled && !evenIfDisabled ? Disabled
        : settings.SecretId is null ? NotConfigured
        : null;
}
