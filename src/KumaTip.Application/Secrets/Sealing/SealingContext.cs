namespace KumaTip.Application.Secrets.Sealing;

/// <summary>
/// Which object and which field a sealed value belongs to. Type, id and field are bound into the ciphertext
/// (a blob moved elsewhere fails to open); the name is only used to say which secret failed.
/// </summary>
/// <param name="ObjectType">A fixed word for the kind of object, e.g. <c>secret</c> or <c>proxy</c>; also used in messages.</param>
/// <param name="ObjectId">The object's id; a sealed value opens only for this id.</param>
/// <param name="ObjectName">The object's display name, for messages only (renaming does not break anything).</param>
/// <param name="Field">The field, e.g. <c>Password</c>; a sealed value opens only under this field name.</param>
public sealed record SealingContext(string ObjectType, Guid ObjectId, string ObjectName, string Field);

/// <summary>The result of <see cref="SecretSealer.Reseal"/>: a new data key and every field sealed again under it.</summary>
public sealed record ResealedObject(byte[] WrappedDataKey, IReadOnlyDictionary<string, byte[]> SealedFields);
