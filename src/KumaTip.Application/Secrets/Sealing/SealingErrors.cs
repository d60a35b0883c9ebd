using KumaTip.Application.Common;

namespace KumaTip.Application.Secrets.Sealing;

/// <summary>
/// The failures of opening sealed data. Each names the object and field so an administrator knows which secret
/// to re-enter; none carries any byte of the data.
/// </summary>
internal static class SealingErrors
{
    public const string UnsealFailed = "unseal_failed";

    public const string MasterKeyMissing = "master_key_missing";

    private const string Altered = "the stored data was altered or belongs to another object";

    public static Error Tampered(string what) => Failed(what, Altered);

    public static Error Damaged(string what, string why) => Failed(what, why);

    public static Error KeyMissing(string what, string keyId, string advice) => new(
        MasterKeyMissing,
        $"The {what} cannot be decrypted: it is sealed with master key '{keyId}' which is not configured. {advice}",
        ErrorKind.Unavailable);

    public static string FieldOf(SealingContext context) => $"{context.Field} of {context.ObjectType} '{context.ObjectName}'";

    public static string DataKeyOf(string objectType, string objectName) => $"data key of {objectType} '{objectName}'";

    private static Error Failed(string what, string why) =>
        new(UnsealFailed, $"The {what} cannot be decrypted: {why}.", ErrorKind.Unavailable);
}
