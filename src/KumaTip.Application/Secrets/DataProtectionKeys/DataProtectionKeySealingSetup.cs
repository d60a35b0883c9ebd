using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KumaTip.Application.Secrets.DataProtectionKeys;

public static class DataProtectionKeySealingSetup
{
    /// <summary>
    /// Seals every new Data Protection key with the master key ring before it is stored (the counterpart of
    /// <c>ProtectKeysWithCertificate</c>). Needs <c>AddSecretSealing</c>. Keys stored in the clear before still read as they are.
    /// </summary>
    public static IDataProtectionBuilder ProtectKeysWithMasterKey(this IDataProtectionBuilder builder)
    {
        builder.Services.TryAddSingleton<MasterKeyXmlEncryptor>();

        // The framework builds the decryptor itself from the stored type name (through its constructor taking the
        // service provider); registered too so it resolves by type like any service.
        builder.Services.TryAddSingleton<MasterKeyXmlDecryptor>();
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<MasterKeyXmlEncryptor>((options, encryptor) => options.XmlEncryptor = encryptor);
        return builder;
    }
}
