using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// Checks TIP's server certificate against the system's trust store and, only when that fails on the chain alone,
/// against the extra CA of the settings (an on-premise mirror, a TLS-inspecting proxy, the simulator). The host name
/// must always match; validation is never switched off.
/// </summary>
internal sealed class TipServerCertificateValidator(X509Certificate2Collection extraRoots, TipTlsObservation observation, TimeProvider time)
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            observation.Rejected([], "the server presented no certificate");
            return false;
        }

        using var owned = certificate as X509Certificate2 is null ? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()) : null;
        var server = owned ?? (X509Certificate2)certificate;
        var seen = Describe(chain, server);

        if (errors == SslPolicyErrors.None)
        {
            observation.Accepted(seen);
            return true;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            var host = (sender as SslStream)?.TargetHostName;
            observation.Rejected(seen, $"it was issued for {NamesOf(server)}, not for {host}");
            return false;
        }

        if (extraRoots.Count == 0)
        {
            observation.Rejected(seen, $"{StatusOf(chain)}; if TIP is reached through an inspecting proxy or a mirror, add its CA certificate in the Threat Lookup settings");
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(extraRoots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        custom.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthentication));
        if (chain is not null)
        {
            // The intermediates the server sent along.
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
            foreach (var element in chain.ChainElements.Skip(1))
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (custom.Build(server))
        {
            observation.Accepted(Describe(custom, server));
            return true;
        }

        observation.Rejected(Describe(custom, server), $"{StatusOf(custom)}, also against the CA certificate of the Threat Lookup settings");
        return false;
    }

    private static IReadOnlyList<TipCertificateInfo> Describe(X509Chain? chain, X509Certificate2 server) =>
        chain is { ChainElements.Count: > 0 }
            ? [.. chain.ChainElements.Select(element => TipCertificateInfo.Of(element.Certificate))]
            : [TipCertificateInfo.Of(server)];

    private static string StatusOf(X509Chain? chain)
    {
        var problems = chain?.ChainStatus
            .Where(status => status.Status != X509ChainStatusFlags.NoError)
            .Select(status => string.IsNullOrWhiteSpace(status.StatusInformation) ? status.Status.ToString() : status.StatusInformation.Trim())
            .Distinct()
            .ToList();
        return problems is { Count: > 0 } ? $"its chain does not lead to a trusted root: {string.Join("; ", problems)}" : "its chain does not lead to a trusted root";
    }

    private static string NamesOf(X509Certificate2 certificate)
    {
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(san => san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString())))
            .ToList();
        return names.Count > 0 ? string.Join(", ", names) : certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
    }
}
