using System.Security.Cryptography;
using System.Text;
using KumaTip.Application.Common;

namespace KumaTip.Application.Secrets.Sealing;

/// <summary>
/// Envelope encryption of secret fields with AES-256-GCM. Each object (a secret, a proxy) has its own random
/// data key, stored wrapped by the active master key; each sensitive field is sealed under that data key.
/// </summary>
/// <remarks>
/// <para>Wrapped data key, version 1: <c>01 | id length (1 byte) | master key id (ASCII) | nonce (12) | encrypted key (32) | tag (16)</c>,
/// associated data <c>kumatip|datakey|v1|{masterKeyId}|{objectType}|{objectId}</c>.</para>
/// <para>Sealed field, version 1: <c>01 | nonce (12) | ciphertext | tag (16)</c>, associated data
/// <c>kumatip|{objectType}|{objectId}|{field}</c>.</para>
/// <para>So a blob copied to another object or field, or any flipped byte, fails authentication instead of
/// decrypting to garbage. Master key rotation needs only <see cref="Rewrap"/> (fields stay as they are);
/// <see cref="Reseal"/> also replaces the data key, for when an old master key may have leaked together with a
/// copy of the database.</para>
/// </remarks>
public sealed class SecretSealer(MasterKeyRing keys)
{
    private const byte WrappedKeyVersion = 1;
    private const byte FieldVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>A new random data key for an object, wrapped under the active master key. Store it beside the object.</summary>
    public byte[] NewWrappedDataKey(string objectType, Guid objectId)
    {
        CheckPart(objectType, nameof(objectType));
        using var dataKey = DataKey.NewRandom();
        return Wrap(dataKey, objectType, objectId);
    }

    /// <summary>The master key id recorded in a wrapped data key, or null when the bytes are not a wrapped data key.</summary>
    public string? KeyIdOf(byte[] wrappedDataKey) =>
        TryReadHeader(wrappedDataKey, out var keyId, out _) ? keyId : null;

    public Result<byte[]> Seal(byte[] wrappedDataKey, SealingContext context, ReadOnlySpan<byte> plaintext)
    {
        CheckContext(context);
        var unwrapped = Unwrap(wrappedDataKey, context.ObjectType, context.ObjectId, SealingErrors.FieldOf(context));
        if (!unwrapped.Succeeded)
        {
            return unwrapped.Error!;
        }

        using var dataKey = unwrapped.Value!;
        return SealField(dataKey, context, plaintext);
    }

    public Result<byte[]> Seal(byte[] wrappedDataKey, SealingContext context, string plaintext)
    {
        var bytes = Encoding.UTF8.GetBytes(plaintext);
        try
        {
            return Seal(wrappedDataKey, context, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public Result<byte[]> Unseal(byte[] wrappedDataKey, SealingContext context, byte[] sealedBlob)
    {
        CheckContext(context);
        var unwrapped = Unwrap(wrappedDataKey, context.ObjectType, context.ObjectId, SealingErrors.FieldOf(context));
        if (!unwrapped.Succeeded)
        {
            return unwrapped.Error!;
        }

        using var dataKey = unwrapped.Value!;
        return UnsealField(dataKey, context, sealedBlob);
    }

    public Result<string> UnsealString(byte[] wrappedDataKey, SealingContext context, byte[] sealedBlob)
    {
        var opened = Unseal(wrappedDataKey, context, sealedBlob);
        if (!opened.Succeeded)
        {
            return opened.Error!;
        }

        var bytes = opened.Value!;
        try
        {
            return Encoding.UTF8.GetString(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// The same data key wrapped under the active master key: what master key rotation does to every object.
    /// The sealed fields stay valid unchanged.
    /// </summary>
    public Result<byte[]> Rewrap(byte[] wrappedDataKey, string objectType, Guid objectId, string objectName)
    {
        CheckPart(objectType, nameof(objectType));
        var unwrapped = Unwrap(wrappedDataKey, objectType, objectId, SealingErrors.DataKeyOf(objectType, objectName));
        if (!unwrapped.Succeeded)
        {
            return unwrapped.Error!;
        }

        using var dataKey = unwrapped.Value!;
        return Wrap(dataKey, objectType, objectId);
    }

    /// <summary>
    /// A new data key under the active master key, and every given field (field name → sealed blob) opened and
    /// sealed again under it. Use after a suspected leak of a master key; plain rotation only needs <see cref="Rewrap"/>.
    /// </summary>
    public Result<ResealedObject> Reseal(
        byte[] wrappedDataKey, string objectType, Guid objectId, string objectName, IReadOnlyDictionary<string, byte[]> sealedFields)
    {
        CheckPart(objectType, nameof(objectType));
        var unwrapped = Unwrap(wrappedDataKey, objectType, objectId, SealingErrors.DataKeyOf(objectType, objectName));
        if (!unwrapped.Succeeded)
        {
            return unwrapped.Error!;
        }

        using var oldKey = unwrapped.Value!;
        using var newKey = DataKey.NewRandom();
        var resealed = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (field, blob) in sealedFields)
        {
            var context = new SealingContext(objectType, objectId, objectName, field);
            CheckContext(context);
            var opened = UnsealField(oldKey, context, blob);
            if (!opened.Succeeded)
            {
                return opened.Error!;
            }

            var plaintext = opened.Value!;
            try
            {
                resealed[field] = SealField(newKey, context, plaintext);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }

        return new ResealedObject(Wrap(newKey, objectType, objectId), resealed);
    }

    private static byte[] SealField(DataKey dataKey, SealingContext context, ReadOnlySpan<byte> plaintext)
    {
        var blob = new byte[1 + NonceSize + plaintext.Length + TagSize];
        blob[0] = FieldVersion;
        var nonce = blob.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(dataKey.Key, TagSize);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(1 + NonceSize, plaintext.Length), blob.AsSpan(1 + NonceSize + plaintext.Length), FieldAssociatedData(context));
        return blob;
    }

    private static Result<byte[]> UnsealField(DataKey dataKey, SealingContext context, byte[] blob)
    {
        var what = SealingErrors.FieldOf(context);
        if (blob is null || blob.Length < 1 + NonceSize + TagSize)
        {
            return SealingErrors.Damaged(what, "the stored data is truncated");
        }

        if (blob[0] != FieldVersion)
        {
            return SealingErrors.Damaged(what, $"the stored data has an unknown format (version {blob[0]})");
        }

        var length = blob.Length - 1 - NonceSize - TagSize;
        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(dataKey.Key, TagSize);
            aes.Decrypt(blob.AsSpan(1, NonceSize), blob.AsSpan(1 + NonceSize, length), blob.AsSpan(1 + NonceSize + length), plaintext, FieldAssociatedData(context));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return SealingErrors.Tampered(what);
        }
    }

    private static bool TryReadHeader(byte[]? wrapped, out string keyId, out int headerLength)
    {
        keyId = string.Empty;
        headerLength = 0;
        if (wrapped is null || wrapped.Length < 2 || wrapped[0] != WrappedKeyVersion)
        {
            return false;
        }

        int idLength = wrapped[1];
        headerLength = 2 + idLength;
        if (idLength == 0 || wrapped.Length != headerLength + NonceSize + DataKey.Size + TagSize)
        {
            return false;
        }

        keyId = Encoding.ASCII.GetString(wrapped, 2, idLength);
        return MasterKeyMaterial.IsValidId(keyId);
    }

    private static byte[] FieldAssociatedData(SealingContext context) =>
        Encoding.UTF8.GetBytes($"kumatip|{context.ObjectType}|{context.ObjectId:D}|{context.Field}");

    private static byte[] KeyAssociatedData(string masterKeyId, string objectType, Guid objectId) =>
        Encoding.UTF8.GetBytes($"kumatip|datakey|v{WrappedKeyVersion}|{masterKeyId}|{objectType}|{objectId:D}");

    private static void CheckContext(SealingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        CheckPart(context.ObjectType, nameof(context.ObjectType));
        CheckPart(context.Field, nameof(context.Field));
    }

    // '|' separates the parts of the associated data; a part containing it could make two contexts look alike.
    private static void CheckPart(string value, string name)
    {
        if (string.IsNullOrEmpty(value) || value.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{name} must be non-empty and must not contain '|'.", name);
        }
    }

    private byte[] Wrap(DataKey dataKey, string objectType, Guid objectId)
    {
        var master = keys.ActiveKey();
        var id = Encoding.ASCII.GetBytes(master.Id);
        var header = 2 + id.Length;
        var blob = new byte[header + NonceSize + DataKey.Size + TagSize];
        blob[0] = WrappedKeyVersion;
        blob[1] = (byte)id.Length;
        id.CopyTo(blob, 2);
        var nonce = blob.AsSpan(header, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(master.Key, TagSize);
        aes.Encrypt(nonce, dataKey.Key, blob.AsSpan(header + NonceSize, DataKey.Size), blob.AsSpan(header + NonceSize + DataKey.Size), KeyAssociatedData(master.Id, objectType, objectId));
        return blob;
    }

    private Result<DataKey> Unwrap(byte[] wrapped, string objectType, Guid objectId, string what)
    {
        if (!TryReadHeader(wrapped, out var keyId, out var header))
        {
            return SealingErrors.Damaged(what, "its stored data key is damaged or has an unknown format");
        }

        var master = keys.Find(keyId);
        if (master is null)
        {
            return SealingErrors.KeyMissing(what, keyId, keys.MissingKeyAdvice);
        }

        var dataKey = DataKey.Empty();
        try
        {
            using var aes = new AesGcm(master.Key, TagSize);
            aes.Decrypt(
                wrapped.AsSpan(header, NonceSize),
                wrapped.AsSpan(header + NonceSize, DataKey.Size),
                wrapped.AsSpan(header + NonceSize + DataKey.Size),
                dataKey.Writable,
                KeyAssociatedData(keyId, objectType, objectId));
            return dataKey;
        }
        catch (AuthenticationTagMismatchException)
        {
            dataKey.Dispose();
            return SealingErrors.Tampered(what);
        }
    }
}
