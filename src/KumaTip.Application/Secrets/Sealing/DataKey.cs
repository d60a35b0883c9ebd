using System.Security.Cryptography;

namespace KumaTip.Application.Secrets.Sealing;

/// <summary>
/// A secret's own AES-256 key in clear, for the moment it is used. Pinned so the GC never leaves copies
/// behind, and zeroed on dispose.
/// </summary>
internal sealed class DataKey : IDisposable
{
    public const int Size = 32;

    private readonly byte[] _key = GC.AllocateArray<byte>(Size, pinned: true);

    private DataKey()
    {
    }

    public ReadOnlySpan<byte> Key => _key;

    public static DataKey NewRandom()
    {
        var key = new DataKey();
        RandomNumberGenerator.Fill(key._key);
        return key;
    }

    /// <summary>A buffer to decrypt into; the caller fills <see cref="Writable"/> before using <see cref="Key"/>.</summary>
    public static DataKey Empty() => new();

    public Span<byte> Writable => _key;

    public void Dispose() => CryptographicOperations.ZeroMemory(_key);
}
