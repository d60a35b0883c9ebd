namespace KumaTip.TipSimulator.Certificates;

/// <summary>A client certificate as a TIP customer receives it: PFX bytes and the PFX password.</summary>
public sealed class ClientPfx(byte[] bytes, string password, string subject, string thumbprint, DateTime notAfterUtc)
{
    public byte[] Bytes { get; } = bytes;

    public string Password { get; } = password;

    public string Subject { get; } = subject;

    public string Thumbprint { get; } = thumbprint;

    public DateTime NotAfterUtc { get; } = notAfterUtc;

    /// <summary>Never the password or the bytes: this may end up in a test log.</summary>
    public override string ToString() => $"{Subject} ({Thumbprint})";
}
