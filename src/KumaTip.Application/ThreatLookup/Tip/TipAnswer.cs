using System.Globalization;
using System.Text.Json;
using KumaTip.Application.Common;

namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary>
/// A Threat Lookup answer as KumaTip uses it: every top-level section as TIP sent it (raw JSON, which the cache keeps
/// and the panel and the API show, so fields and groups TIP adds later are never lost), and the few facts read from
/// it: the zone, the account's <c>LicenseInfo</c> and, for a file, its hashes (aliases of one cache entry).
/// </summary>
/// <param name="Sections">Section name (the API's spelling of a known one) → its raw JSON; looked up without regard to case.</param>
/// <param name="FileHashes">The file's MD5, SHA1 and SHA256 from <c>FileGeneralInfo</c>, lower-case; malformed ones left out.</param>
public sealed record TipAnswer(IReadOnlyDictionary<string, string> Sections, TipZone Zone, TipLicenseInfo? LicenseInfo, IReadOnlyList<string> FileHashes)
{
    // Epoch values above this are taken as milliseconds (as seconds they would fall after the year 5000).
    private const long MillisecondsThreshold = 100_000_000_000;

    private static readonly (string Name, int Length)[] HashFields = [("Md5", 32), ("Sha1", 40), ("Sha256", 64)];

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>
    /// Reads an answer. No complete real answer is published, so reading is forgiving: names match without regard to
    /// case, null counts as missing, numbers may come as strings, a list stands for its first object; only a body that
    /// is not a JSON object at all is refused.
    /// </summary>
    public static Result<TipAnswer> Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Invalid("The answer was empty.");
        }

        try
        {
            using var document = JsonDocument.Parse(json.AsMemory().TrimStart('\uFEFF'), Options);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Invalid($"The answer is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object of sections.");
            }

            var sections = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
            foreach (var member in root.EnumerateObject())
            {
                sections.TryAdd(TipDataGroups.CanonicalSectionName(member.Name), member.Value);
            }

            return new TipAnswer(
                sections.ToDictionary(s => s.Key, s => s.Value.GetRawText(), StringComparer.OrdinalIgnoreCase),
                sections.TryGetValue(TipDataGroups.Zone, out var zone) ? TipZones.Parse(AsString(zone)) : TipZone.Unknown,
                ObjectOf(sections, TipDataGroups.LicenseInfo) is { } license ? LicenseInfoOf(license) : null,
                ObjectOf(sections, "FileGeneralInfo") is { } file ? HashesOf(file) : []);
        }
        catch (JsonException ex)
        {
            return Invalid($"The answer is not JSON ({ex.Message}).");
        }
    }

    private static Error Invalid(string detail) =>
        new("invalid_response", $"Threat Lookup sent an answer KumaTip cannot read. {detail}", ErrorKind.Unavailable);

    private static TipLicenseInfo LicenseInfoOf(JsonElement e) => new()
    {
        AccessType = Member(e, "AccessType") is { } type ? AsString(type) : null,
        DayRequests = Member(e, "DayRequests") is { } requests ? AsLong(requests) : null,
        DayQuota = Member(e, "DayQuota") is { } quota ? AsLong(quota) : null,
        TokenExpirationDate = Member(e, "TokenExpirationDate") is { } expires ? AsDate(expires) : null,
    };

    private static List<string> HashesOf(JsonElement file)
    {
        var hashes = new List<string>();
        foreach (var (name, length) in HashFields)
        {
            var hash = Member(file, name) is { } value ? AsString(value)?.Trim() : null;
            if (hash?.Length == length && hash.All(char.IsAsciiHexDigit))
            {
                hashes.Add(hash.ToLowerInvariant());
            }
        }

        return hashes;
    }

    /// <summary>A section that should be one object; a list stands for its first object.</summary>
    private static JsonElement? ObjectOf(Dictionary<string, JsonElement> sections, string name) =>
        !sections.TryGetValue(name, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.Object => value,
            JsonValueKind.Array => value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => (JsonElement?)e).FirstOrDefault(),
            _ => null,
        };

    /// <summary>A member by name without regard to case; null counts as missing.</summary>
    private static JsonElement? Member(JsonElement obj, string name)
    {
        if (obj.TryGetProperty(name, out var exact) && exact.ValueKind != JsonValueKind.Null)
        {
            return exact;
        }

        foreach (var member in obj.EnumerateObject())
        {
            if (string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase) && member.Value.ValueKind != JsonValueKind.Null)
            {
                return member.Value;
            }
        }

        return null;
    }

    private static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static long? AsLong(JsonElement value)
    {
        var text = AsString(value)?.Trim();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real)
               && real is >= long.MinValue and <= long.MaxValue
            ? (long)real
            : null;
    }

    /// <summary>ISO 8601 text (UTC unless it says otherwise) or Unix time in seconds or milliseconds.</summary>
    private static TipDate? AsDate(JsonElement value)
    {
        var raw = value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? AsString(value) : null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var text = raw.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var epoch))
        {
            var milliseconds = Math.Abs(epoch) >= MillisecondsThreshold ? epoch : epoch * 1000;
            var inRange = milliseconds >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
            return new TipDate(raw, inRange ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? new TipDate(raw, parsed.ToUniversalTime())
            : new TipDate(raw, null);
    }
}
