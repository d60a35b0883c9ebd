using KumaTip.Application.Common;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>What "Test connection" found, for the settings page and <c>POST /api/v1/settings/threat-lookup/test</c> to show as it is.</summary>
/// <param name="Succeeded">TIP accepted the certificate and the credentials and answered (200, or 404 for an object it does not know).</param>
/// <param name="Error">Why not, when it did not succeed.</param>
/// <param name="RequestAttempted">Whether the test request was tried (its one request was then taken from the budget).</param>
/// <param name="StatusCode">TIP's answer, when one came.</param>
/// <param name="ClientCertificate">The certificate presented from the secret's PFX; null when the PFX could not be read or holds none.</param>
/// <param name="ServerCertificateChain">The server's chain as seen in the handshake, leaf first; empty when no handshake happened.</param>
/// <param name="ProxyUsed">Whether the request went through the chosen proxy (false when none is chosen or TIP's host is on its bypass list).</param>
/// <param name="Proxy">The proxy's address, without credentials, when one is chosen.</param>
/// <param name="License">TIP's <c>LicenseInfo</c> (access type, requests today of the daily quota), when the answer had it.</param>
public sealed record TipConnectionTestResult(
    bool Succeeded,
    Error? Error,
    bool RequestAttempted,
    int? StatusCode,
    TimeSpan Duration,
    TipCertificateInfo? ClientCertificate,
    IReadOnlyList<TipCertificateInfo> ServerCertificateChain,
    bool ProxyUsed,
    Uri? Proxy,
    TipLicenseInfo? License);
