namespace KumaTip.Application.Secrets.Sealing;

/// <summary>
/// The <c>Encryption</c> section: where the master key that wraps every secret's data key comes from.
/// </summary>
/// <remarks>
/// <para>Three ways, checked in this order:</para>
/// <list type="number">
/// <item><c>Encryption:MasterKey</c>: base64 of 32 random bytes (<c>openssl rand -base64 32</c>), e.g. from an
/// environment variable or a secret store. The ring is then read-only. Its id is <c>Encryption:MasterKeyId</c>
/// or, when that is empty, one derived from the key itself (<c>k-cfg-</c> + 8 hex digits of a hash), so a
/// different key always has a different id.</item>
/// <item><c>Encryption:MasterKeyFile</c>: the path of a key file (created on first run when missing).</item>
/// <item>Neither: the key file <c>master.key</c> in the data directory, created on first run.</item>
/// </list>
/// <para>Rotation with a configured key: set the new key in <c>Encryption:MasterKey</c> (with a new
/// <c>Encryption:MasterKeyId</c>, or none) and move the old one to <c>Encryption:PreviousMasterKeys</c>, a map
/// of key id to base64 key (<c>Encryption__PreviousMasterKeys__k-cfg-1a2b3c4d=...</c>); run
/// <c>rotate-master-key</c> to re-wrap everything under the new key, then drop the previous key.
/// Rotation with a key file is done by the command alone.</para>
/// </remarks>
public sealed class EncryptionOptions
{
    public const string Section = "Encryption";

    /// <summary>Name of the key file created in the data directory when nothing is configured.</summary>
    public const string DefaultKeyFileName = "master.key";

    public string? MasterKey { get; set; }

    public string? MasterKeyId { get; set; }

    public string? MasterKeyFile { get; set; }

    /// <summary>Older configured keys still needed to read data not yet re-wrapped: key id → base64 key.</summary>
    public Dictionary<string, string> PreviousMasterKeys { get; set; } = [];

    internal bool UsesConfiguredKey => !string.IsNullOrWhiteSpace(MasterKey);
}
