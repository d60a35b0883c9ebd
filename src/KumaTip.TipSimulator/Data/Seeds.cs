using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace KumaTip.TipSimulator.Data;

/// <summary>
/// Stable seeds: the same value gives the same data in every process and on every machine
/// (string.GetHashCode is randomised per process, SHA-256 is not; <c>new Random(int)</c> is a fixed algorithm).
/// </summary>
internal static class Seeds
{
    public static byte[] Digest(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    public static Random Random(params ReadOnlySpan<string> parts) =>
        new(BinaryPrimitives.ReadInt32LittleEndian(Digest(string.Join('\n', parts))));
}
