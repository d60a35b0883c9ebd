using System.Xml.Linq;
using KumaTip.Application.Secrets.Sealing;

namespace KumaTip.Application.Secrets.DataProtectionKeys;

/// <summary>
/// What the database holds in place of a Data Protection key's secret part (its <c>&lt;masterKey&gt;</c> element):
/// <code>
/// &lt;sealedByMasterKey xmlns="urn:kumatip:data-protection-key" version="1" sealId="{guid}" masterKeyId="k-..."&gt;
///   &lt;dataKey&gt;{wrapped data key, base64}&lt;/dataKey&gt;
///   &lt;sealedValue&gt;{the element sealed under that data key, base64}&lt;/sealedValue&gt;
/// &lt;/sealedByMasterKey&gt;
/// </code>
/// The same envelope as a secret's fields (<see cref="SecretSealer"/>): the data key is wrapped by a master key whose
/// id the wrapped key records, so rotation re-wraps it like any secret's. <c>sealId</c> names this envelope in the
/// associated data (the key's own id is not known when the framework asks for encryption). <c>masterKeyId</c> is
/// there for people reading the table; reading uses the id inside the wrapped key, which is authenticated.
/// </summary>
internal sealed record SealedKeyElement(Guid SealId, byte[] WrappedDataKey, byte[] SealedValue)
{
    /// <summary>The object type and field bound into the associated data; changing them makes stored keys unreadable.</summary>
    public const string ObjectType = "data-protection-key";

    public const string Field = "masterKey";

    private const string Version = "1";

    private static readonly XNamespace Namespace = "urn:kumatip:data-protection-key";

    public static readonly XName Name = Namespace + "sealedByMasterKey";

    private static readonly XName DataKeyName = Namespace + "dataKey";

    private static readonly XName SealedValueName = Namespace + "sealedValue";

    /// <summary>The sealing context of the value; the seal id doubles as the name in messages.</summary>
    public SealingContext Context => new(ObjectType, SealId, SealId.ToString("D"), Field);

    public XElement ToXml(string masterKeyId) => new(
        Name,
        new XAttribute("version", Version),
        new XAttribute("sealId", SealId.ToString("D")),
        new XAttribute("masterKeyId", masterKeyId),
        new XElement(DataKeyName, Convert.ToBase64String(WrappedDataKey)),
        new XElement(SealedValueName, Convert.ToBase64String(SealedValue)));

    /// <summary>The parts of a sealed element, or null when the element is not one or is damaged.</summary>
    public static SealedKeyElement? TryRead(XElement element)
    {
        if (element.Name != Name
            || (string?)element.Attribute("version") != Version
            || !Guid.TryParse((string?)element.Attribute("sealId"), out var sealId))
        {
            return null;
        }

        var dataKey = FromBase64(element.Element(DataKeyName)?.Value);
        var sealedValue = FromBase64(element.Element(SealedValueName)?.Value);
        return dataKey is null || sealedValue is null ? null : new SealedKeyElement(sealId, dataKey, sealedValue);
    }

    private static byte[]? FromBase64(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
