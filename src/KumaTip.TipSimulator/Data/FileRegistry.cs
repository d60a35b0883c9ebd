using System.Collections.Concurrent;

namespace KumaTip.TipSimulator.Data;

/// <summary>
/// Maps any of a file's hashes to the file. Known files come from a seed list; an unknown hash gets the two
/// other hashes derived from it, and the mapping is remembered so a later lookup by those hashes finds the same file.
/// </summary>
internal sealed class FileRegistry
{
    // Benchmarks look up millions of random hashes; past this the mapping is derived but not remembered.
    private const int MaxRemembered = 200_000;

    private readonly ConcurrentDictionary<string, FileIdentity> _byHash = new(StringComparer.Ordinal);

    public FileRegistry(IEnumerable<FileIdentity> knownFiles)
    {
        foreach (var file in knownFiles)
        {
            Remember(file);
        }
    }

    /// <param name="hash">A lower-case MD5, SHA1 or SHA256.</param>
    public FileIdentity Resolve(string hash)
    {
        if (_byHash.TryGetValue(hash, out var known))
        {
            return known;
        }

        var derived = hash.Length switch
        {
            32 => new FileIdentity(hash, Derive("sha1", hash, 40), Derive("sha256", hash, 64)),
            40 => new FileIdentity(Derive("md5", hash, 32), hash, Derive("sha256", hash, 64)),
            64 => new FileIdentity(Derive("md5", hash, 32), Derive("sha1", hash, 40), hash),
            _ => throw new ArgumentException("A hash is 32, 40 or 64 hex digits.", nameof(hash)),
        };
        if (_byHash.Count >= MaxRemembered)
        {
            return derived;
        }

        // Two racing first lookups must agree on one identity.
        var winner = _byHash.GetOrAdd(hash, derived);
        Remember(winner);
        return winner;
    }

    private void Remember(FileIdentity file)
    {
        _byHash.TryAdd(file.Md5, file);
        _byHash.TryAdd(file.Sha1, file);
        _byHash.TryAdd(file.Sha256, file);
    }

    private static string Derive(string algorithm, string from, int length) =>
        Convert.ToHexStringLower(Seeds.Digest($"{algorithm}:{from}"))[..length];
}
