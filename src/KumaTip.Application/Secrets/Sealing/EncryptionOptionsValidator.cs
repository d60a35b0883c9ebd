using Microsoft.Extensions.Options;

namespace KumaTip.Application.Secrets.Sealing;

/// <summary>Stops the app at start-up when the <c>Encryption</c> section cannot give a usable master key.</summary>
internal sealed class EncryptionOptionsValidator : IValidateOptions<EncryptionOptions>
{
    private const string HowToGenerate = "Generate one with: openssl rand -base64 32";

    public ValidateOptionsResult Validate(string? name, EncryptionOptions options)
    {
        var failures = new List<string>();
        var hasKey = !string.IsNullOrWhiteSpace(options.MasterKey);

        if (hasKey && !string.IsNullOrWhiteSpace(options.MasterKeyFile))
        {
            failures.Add("Set either Encryption:MasterKey or Encryption:MasterKeyFile, not both.");
        }

        if (options.MasterKey is not null && !hasKey)
        {
            failures.Add($"Encryption:MasterKey is set but empty. Remove it to use the key file, or set 32 random bytes in base64. {HowToGenerate}");
        }

        if (hasKey && MasterKeyMaterial.TryDecode(options.MasterKey) is null)
        {
            failures.Add($"Encryption:MasterKey must be 32 random bytes written in base64 (44 characters). {HowToGenerate}");
        }

        if (!string.IsNullOrWhiteSpace(options.MasterKeyId) && !MasterKeyMaterial.IsValidId(options.MasterKeyId))
        {
            failures.Add(InvalidIdMessage("Encryption:MasterKeyId"));
        }

        if (!string.IsNullOrWhiteSpace(options.MasterKeyId) && !hasKey)
        {
            failures.Add("Encryption:MasterKeyId only applies together with Encryption:MasterKey; a key file names its own keys.");
        }

        if (options.PreviousMasterKeys.Count > 0 && !hasKey)
        {
            failures.Add("Encryption:PreviousMasterKeys only applies together with Encryption:MasterKey; a key file keeps its previous keys itself.");
        }

        var activeId = ActiveIdOf(options);
        foreach (var (id, key) in options.PreviousMasterKeys)
        {
            if (string.Equals(id, activeId, StringComparison.Ordinal))
            {
                failures.Add($"Encryption:PreviousMasterKeys:{id} has the id of the active master key; previous keys need their own ids.");
            }

            if (!MasterKeyMaterial.IsValidId(id))
            {
                failures.Add(InvalidIdMessage($"Encryption:PreviousMasterKeys:{id}"));
            }

            if (MasterKeyMaterial.TryDecode(key) is null)
            {
                failures.Add($"Encryption:PreviousMasterKeys:{id} must be 32 bytes written in base64.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? ActiveIdOf(EncryptionOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.MasterKeyId))
        {
            return options.MasterKeyId.Trim();
        }

        var key = MasterKeyMaterial.TryDecode(options.MasterKey);
        return key is null ? null : MasterKeyMaterial.DerivedId(key);
    }

    private static string InvalidIdMessage(string setting) =>
        $"{setting}: a master key id has 1 to {MasterKeyMaterial.MaxKeyIdLength} letters, digits, '.', '_' or '-', starting with a letter or digit.";
}
