using System.Collections.Frozen;
using KumaTip.Application.Common;
using KumaTip.Application.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.Secrets.Sealing;

/// <summary>
/// The master keys, kept outside the database, that wrap every secret's data key. One key is active (new data
/// keys are wrapped with it); the others stay until everything sealed with them has been re-wrapped.
/// </summary>
/// <remarks>
/// <para>Source: <c>Encryption:MasterKey</c> (read-only ring, see <see cref="EncryptionOptions"/>), or a key file
/// (<c>Encryption:MasterKeyFile</c>, default <c>master.key</c> in the data directory) created on first run with
/// owner-only permissions.</para>
/// <para>Rotation with a key file: <see cref="AddKeyAndActivate"/>, re-wrap every stored data key
/// (<see cref="SecretSealer.Rewrap"/>), then <see cref="RemoveKey"/> the old key. Another running instance
/// notices the rewritten file the next time it seals, or when it meets a key id it does not know.</para>
/// </remarks>
public sealed class MasterKeyRing
{
    private readonly Lock _gate = new();
    private readonly MasterKeyFile? _file;
    private readonly TimeProvider _time;
    private readonly ILogger<MasterKeyRing> _logger;
    private volatile KeySet _keys;
    private (DateTime WrittenAt, long Length)? _fileStamp;

    public MasterKeyRing(IOptions<EncryptionOptions> options, DataDirectory dataDirectory, TimeProvider time, ILogger<MasterKeyRing> logger)
    {
        _time = time;
        _logger = logger;
        var settings = options.Value;

        // IOptions validates on first use in the host; checked again here for callers that build the options by hand.
        var validation = new EncryptionOptionsValidator().Validate(null, settings);
        if (validation.Failed)
        {
            throw new OptionsValidationException(EncryptionOptions.Section, typeof(EncryptionOptions), validation.Failures);
        }

        if (settings.UsesConfiguredKey)
        {
            _keys = FromConfiguration(settings);
            return;
        }

        var path = string.IsNullOrWhiteSpace(settings.MasterKeyFile)
            ? dataDirectory.File(EncryptionOptions.DefaultKeyFileName)
            : Path.GetFullPath(settings.MasterKeyFile);
        _file = new MasterKeyFile(path);
        _keys = OpenOrCreateFile(_file);
    }

    /// <summary>The key that wraps new data keys.</summary>
    public string ActiveKeyId => _keys.ActiveKeyId;

    /// <summary>Every key id the ring holds, the active one included.</summary>
    public IReadOnlyList<string> KeyIds => [.. _keys.ById.Keys.Order(StringComparer.Ordinal)];

    /// <summary>True when the keys come from configuration: rotation is then a configuration change.</summary>
    public bool IsReadOnly => _file is null;

    /// <summary>Where the keys live, for messages: the key file's path or the configuration setting.</summary>
    public string KeySource => _file is null ? "Encryption:MasterKey" : _file.Path;

    public bool Has(string keyId) => Find(keyId) is not null;

    /// <summary>
    /// Start-up check: every master key id that sealed data in the database must be in the ring. The failure
    /// message names the missing ids and tells the operator how to bring the key back.
    /// </summary>
    public Result EnsureKeysAvailable(IEnumerable<string> keyIdsInUse)
    {
        var missing = keyIdsInUse
            .Where(id => !string.IsNullOrEmpty(id))
            .Distinct(StringComparer.Ordinal)
            .Where(id => !Has(id))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (missing.Count == 0)
        {
            return Result.Ok();
        }

        var which = missing.Count == 1
            ? $"master key '{missing[0]}' which is"
            : $"master keys {string.Join(", ", missing.Select(id => $"'{id}'"))} which are";
        return new Error("master_key_missing", $"Data in the database is sealed with {which} not configured. {MissingKeyAdvice}", ErrorKind.Unavailable);
    }

    /// <summary>Adds a new random key to the key file and makes it the active one; returns its id.</summary>
    public Result<string> AddKeyAndActivate()
    {
        if (_file is null)
        {
            return ReadOnlyError();
        }

        lock (_gate)
        {
            RefreshFromFile();
            var current = _keys;
            var key = new MasterKey(MasterKeyMaterial.NewId(_time.GetUtcNow()), RandomKey(), _time.GetUtcNow());
            var written = Save(new KeySet(key.Id, current.ById.Values.Append(key)));
            if (!written.Succeeded)
            {
                return written.Error!;
            }

            _logger.LogInformation("Master key {KeyId} added to {KeyFile} and made active", key.Id, _file.Path);
            return key.Id;
        }
    }

    /// <summary>Removes a key that nothing is sealed with any more. The active key cannot be removed.</summary>
    public Result RemoveKey(string keyId)
    {
        if (_file is null)
        {
            return ReadOnlyError();
        }

        lock (_gate)
        {
            RefreshFromFile();
            var current = _keys;
            if (!current.ById.ContainsKey(keyId))
            {
                return Error.NotFound($"Master key '{keyId}'");
            }

            if (keyId == current.ActiveKeyId)
            {
                return new Error("master_key_active", $"Master key '{keyId}' is the active key and cannot be removed; activate a new key first.", ErrorKind.Conflict);
            }

            var written = Save(new KeySet(current.ActiveKeyId, current.ById.Values.Where(k => k.Id != keyId)));
            if (!written.Succeeded)
            {
                return written;
            }

            _logger.LogInformation("Master key {KeyId} removed from {KeyFile}", keyId, _file.Path);
            return Result.Ok();
        }
    }

    /// <summary>What an operator does when a key is missing; the end of every <c>master_key_missing</c> message.</summary>
    internal string MissingKeyAdvice => _file is null
        ? "Add it to Encryption:PreviousMasterKeys (key id = base64 key) or set it as Encryption:MasterKey with Encryption:MasterKeyId."
        : $"Restore the key file ({_file.Path}) or set Encryption:MasterKeyFile.";

    /// <summary>The active key, after picking up a rotation another process wrote to the key file.</summary>
    internal MasterKey ActiveKey()
    {
        RefreshFromFile();
        var keys = _keys;
        return keys.ById[keys.ActiveKeyId];
    }

    internal MasterKey? Find(string keyId)
    {
        if (_keys.ById.TryGetValue(keyId, out var key))
        {
            return key;
        }

        RefreshFromFile();
        return _keys.ById.GetValueOrDefault(keyId);
    }

    private static KeySet FromConfiguration(EncryptionOptions settings)
    {
        var key = MasterKeyMaterial.TryDecode(settings.MasterKey)!;
        var id = string.IsNullOrWhiteSpace(settings.MasterKeyId) ? MasterKeyMaterial.DerivedId(key) : settings.MasterKeyId.Trim();
        var previous = settings.PreviousMasterKeys.Select(p => new MasterKey(p.Key, MasterKeyMaterial.TryDecode(p.Value)!, null));
        return new KeySet(id, previous.Prepend(new MasterKey(id, key, null)));
    }

    private static byte[] RandomKey() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(MasterKeyMaterial.KeySize);

    private static Error ReadOnlyError() => new(
        "master_key_read_only",
        "The master key comes from Encryption:MasterKey, so it cannot be changed here. Configure the new key in Encryption:MasterKey and keep the old one in Encryption:PreviousMasterKeys until everything is re-wrapped.",
        ErrorKind.Conflict);

    private KeySet OpenOrCreateFile(MasterKeyFile file)
    {
        if (!file.Exists)
        {
            var key = new MasterKey(MasterKeyMaterial.NewId(_time.GetUtcNow()), RandomKey(), _time.GetUtcNow());
            try
            {
                file.Write(key.Id, [key], overwrite: false);
                _logger.LogWarning(
                    "Created master key file {KeyFile} (key {KeyId}). Back it up apart from the database: without it the stored secrets cannot be read",
                    file.Path,
                    key.Id);
            }
            catch (IOException) when (file.Exists)
            {
                // Another instance sharing the data directory created it first: use that one.
            }
        }
        else
        {
            WarnIfReadableByOthers(file.Path);
        }

        var (activeKeyId, keys) = file.Read();
        _fileStamp = file.Stamp();
        return new KeySet(activeKeyId, keys);
    }

    private void WarnIfReadableByOthers(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((File.GetUnixFileMode(path) & Others) != 0)
        {
            _logger.LogWarning("The master key file {KeyFile} can be read by other users; restrict it with: chmod 600 {KeyFile}", path, path);
        }
    }

    private void RefreshFromFile()
    {
        if (_file is null)
        {
            return;
        }

        lock (_gate)
        {
            var stamp = _file.Stamp();
            if (stamp is null || stamp == _fileStamp)
            {
                // A vanished file keeps the keys already in memory; the next start-up will say what is missing.
                return;
            }

            var (activeKeyId, keys) = _file.Read();
            _keys = new KeySet(activeKeyId, keys);
            _fileStamp = stamp;
            _logger.LogInformation("Master key file {KeyFile} changed; active key is now {KeyId}", _file.Path, activeKeyId);
        }
    }

    private Result Save(KeySet keys)
    {
        try
        {
            _file!.Write(keys.ActiveKeyId, keys.ById.Values.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Error("master_key_file_not_writable", $"The master key file {_file!.Path} cannot be written: {e.Message}", ErrorKind.Unavailable);
        }

        _keys = keys;
        _fileStamp = _file.Stamp();
        return Result.Ok();
    }

    private sealed class KeySet(string activeKeyId, IEnumerable<MasterKey> keys)
    {
        public string ActiveKeyId { get; } = activeKeyId;

        public FrozenDictionary<string, MasterKey> ById { get; } = keys.ToFrozenDictionary(k => k.Id, StringComparer.Ordinal);
    }
}
