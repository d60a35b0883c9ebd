using KumaTip.Application.Persistence;
using KumaTip.Application.Secrets.Sealing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KumaTip.UnitTests.Secrets;

/// <summary>A fresh data directory per test, removed afterwards, and rings built on it.</summary>
internal sealed class TemporaryDataDirectory : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 30, 0, TimeSpan.Zero);

    public TemporaryDataDirectory()
    {
        Directory = new DataDirectory(Path.Combine(Path.GetTempPath(), "kumatip-tests", Guid.NewGuid().ToString("N")));
    }

    public DataDirectory Directory { get; }

    public FakeTimeProvider Time { get; } = new(Now);

    public string KeyFile => Directory.File(EncryptionOptions.DefaultKeyFileName);

    public MasterKeyRing NewRing(EncryptionOptions? options = null) =>
        new(Options.Create(options ?? new EncryptionOptions()), Directory, Time, NullLogger<MasterKeyRing>.Instance);

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory.Path))
        {
            System.IO.Directory.Delete(Directory.Path, recursive: true);
        }
    }
}
