using KumaTip.Application.Common;
using Microsoft.AspNetCore.Http.Features;

namespace KumaTip.Web.Uploads;

/// <summary>
/// Reads a multipart form under a hard cap, so an oversized upload gets a clear answer (instead of a bare 400 or
/// a buffer of any size). Used by the secret and settings pages (through <see cref="UploadLimitAttribute"/>) and
/// by the API endpoints that take files.
/// </summary>
public static class LimitedForm
{
    /// <summary>More than any PFX (at most 1 MiB, checked separately with its own message) or CA file needs.</summary>
    public const long MaxRequestBytes = 2 * 1024 * 1024;

    public const string TooLargeCode = "upload_too_large";

    public static readonly Error TooLarge = new(
        TooLargeCode,
        "The upload is larger than 2 MiB, which no PFX or certificate file needs (a PFX file may be at most 1 MiB). Choose the right file.");

    public static async Task<Result<UploadedForm>> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType && request.HttpContext.Features.Get<IFormFeature>()?.Form is { } alreadyRead)
        {
            return new UploadedForm(alreadyRead);
        }

        if (!request.HasFormContentType)
        {
            return new Error("form_expected", "Send the fields as multipart/form-data (the PFX file as the part named 'pfx').");
        }

        // The server stops reading past the cap where it can (Kestrel); the form reader enforces it everywhere.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxRequestBytes;
        }

        if (request.ContentLength > MaxRequestBytes)
        {
            return TooLarge;
        }

        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            MultipartBodyLengthLimit = MaxRequestBytes,
            ValueLengthLimit = (int)MaxRequestBytes,
            BufferBodyLengthLimit = MaxRequestBytes,
        }));
        try
        {
            return new UploadedForm(await request.ReadFormAsync(ct));
        }
        catch (InvalidDataException)
        {
            return TooLarge;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge;
        }
    }

    /// <summary>The bytes of an uploaded file, or null when none was chosen (an empty file input sends an empty part).</summary>
    public static async Task<byte[]?> ReadFileAsync(this IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return null;
        }

        var bytes = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(bytes, ct);
        return bytes;
    }
}

/// <summary>A form read within the cap.</summary>
public sealed record UploadedForm(IFormCollection Fields)
{
    public string? Text(string name) => Fields.TryGetValue(name, out var value) ? value.ToString() : null;

    public Guid? Guid(string name) => System.Guid.TryParse(Text(name), out var id) ? id : null;

    public int? Int(string name) => int.TryParse(Text(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    public bool Flag(string name) => Text(name) is { } v && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "on" || v == "1");

    public IFormFile? File(string name) => Fields.Files.GetFile(name);
}
