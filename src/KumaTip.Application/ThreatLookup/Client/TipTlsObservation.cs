namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// What the server-certificate check of one handler saw last: the chain TIP presented and, when it was refused, why.
/// The handshake reports a refusal only as "rejected by the callback"; this keeps the reason for the user.
/// </summary>
internal sealed class TipTlsObservation
{
    private volatile IReadOnlyList<TipCertificateInfo> _serverChain = [];
    private volatile string? _rejection;

    public IReadOnlyList<TipCertificateInfo> ServerChain => _serverChain;

    /// <summary>Why the server certificate was refused in the latest handshake; null when it was accepted.</summary>
    public string? Rejection => _rejection;

    public void Accepted(IReadOnlyList<TipCertificateInfo> chain)
    {
        _serverChain = chain;
        _rejection = null;
    }

    public void Rejected(IReadOnlyList<TipCertificateInfo> chain, string reason)
    {
        _serverChain = chain;
        _rejection = reason;
    }
}
