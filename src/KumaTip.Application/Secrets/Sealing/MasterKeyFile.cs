using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KumaTip.Application.Secrets.Sealing;

/// <summary>
/// Reads and writes the key file: <c>{ "activeKeyId": "...", "keys": [ { "id", "key", "createdAt" } ] }</c>.
/// Writes go to a temporary file created owner-only (0600) and then renamed over the old one, so the file is
/// never world-readable, never half-written, and a crash leaves either the old or the new ring.
/// </summary>
internal sealed class MasterKeyFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Path { get; } = path;

    public bool Exists => File.Exists(Path);

    /// <summary>When the file was last written and its size; a change means another process rotated the keys.</summary>
    public (DateTime WrittenAt, long Length)? Stamp()
    {
        var info = new FileInfo(Path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : null;
    }

    public (string ActiveKeyId, IReadOnlyList<MasterKey> Keys) Read()
    {
        var bytes = File.ReadAllBytes(Path);
        try
        {
            var document = JsonSerializer.Deserialize<KeyFileDocument>(bytes, Json)
                ?? throw Damaged("it is empty");
            return Parse(document);
        }
        catch (JsonException)
        {
            // The JSON error text may quote the file; the file holds keys.
            throw Damaged("it is not valid JSON");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Writes the ring, replacing the file. <paramref name="overwrite"/> false fails when the file appeared meanwhile.</summary>
    public void Write(string activeKeyId, IEnumerable<MasterKey> keys, bool overwrite)
    {
        var document = new KeyFileDocument
        {
            ActiveKeyId = activeKeyId,
            Keys = [.. keys.Select(k => new KeyFileEntry { Id = k.Id, Key = Convert.ToBase64String(k.Key), CreatedAt = k.CreatedAt })],
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, Json);
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                // Set at open(2), so there is no moment where the file exists with wider permissions.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            File.Delete(temporary);
        }
    }

    private (string ActiveKeyId, IReadOnlyList<MasterKey> Keys) Parse(KeyFileDocument document)
    {
        if (document.Keys is not { Count: > 0 })
        {
            throw Damaged("it holds no keys");
        }

        var keys = new List<MasterKey>();
        foreach (var entry in document.Keys)
        {
            if (!MasterKeyMaterial.IsValidId(entry.Id))
            {
                throw Damaged("a key has a missing or invalid id");
            }

            if (keys.Any(k => k.Id == entry.Id))
            {
                throw Damaged($"key '{entry.Id}' appears twice");
            }

            var key = MasterKeyMaterial.TryDecode(entry.Key)
                ?? throw Damaged($"key '{entry.Id}' is not 32 bytes in base64");
            keys.Add(new MasterKey(entry.Id!, key, entry.CreatedAt));
        }

        var active = document.ActiveKeyId;
        if (string.IsNullOrEmpty(active) || keys.All(k => k.Id != active))
        {
            throw Damaged($"its activeKeyId '{active}' is not one of its keys");
        }

        return (active, keys);
    }

    private InvalidOperationException Damaged(string why) =>
        new($"The master key file {Path} cannot be used: {why}. Restore it from a backup; without it the secrets sealed with it cannot be read.");

    private sealed class KeyFileDocument
    {
        public string? ActiveKeyId { get; set; }

        public List<KeyFileEntry>? Keys { get; set; }
    }

    private sealed class KeyFileEntry
    {
        public string? Id { get; set; }

        public string? Key { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public DateTimeOffset? CreatedAt { get; set; }
    }
}
