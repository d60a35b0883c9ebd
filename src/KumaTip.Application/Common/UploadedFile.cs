using Microsoft.AspNetCore.Http;

namespace KumaTip.Application.Common;

public static class UploadedFile
{
    /// <summary>The bytes of an uploaded file, or null when none was chosen (an empty file input sends an empty part).</summary>
    public static async Task<byte[]?> ReadAllBytesAsync(this IFormFile? file, CancellationToken ct)
    {
        if (file is not { Length: > 0 })
        {
            return null;
        }

        var bytes = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(bytes, ct);
        return bytes;
    }

    /// <summary>A file held in memory, handed over as if uploaded (the demo's, the tests' and the benchmarks' PFX).</summary>
    public static IFormFile FromBytes(byte[] content, string fileName) => new FormFile(new MemoryStream(content), 0, content.Length, fileName, fileName);
}
