using KumaTip.Application.Common;
using Microsoft.AspNetCore.Http.Features;

namespace KumaTip.Web.Uploads;

/// <summary>
/// Reads a multipart form under a hard cap, so an oversized upload gets a clear answer (instead of a bare 400 or
/// a buffer of any size). Used for the pages and API endpoints marked with <see cref="UploadLimitAttribute"/>.
/// </summary>
public static class LimitedForm
{
    /// <summary>More than any PFX (at most 1 MiB, checked separately with its own message) or CA file needs.</summary>
    public const long MaxRequestBytes = 2 * 1024 * 1024;

    public const string TooLargeCode = "upload_too_large";

    public static readonly Error TooLarge = new(
        TooLargeCode,
        "The upload is larger than 2 MiB, which no PFX or certificate file needs (a PFX file may be at most 1 MiB). Choose the right file.");

    /// <summary>Reads the form into the request (binding finds it there); null when it was read within the cap.</summary>
    public static async Task<Error?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return new Error("form_expected", "Send the fields as multipart/form-data (the PFX file as the part named 'pfx').");
        }

        // Refused unread, the body is still drained under the server's own limit, so the browser gets the answer
        // instead of a reset connection.
        if (request.ContentLength > MaxRequestBytes)
        {
            return TooLarge;
        }

        // The server stops reading past the cap where it can (Kestrel); the form reader enforces it everywhere.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxRequestBytes;
        }

        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            MultipartBodyLengthLimit = MaxRequestBytes,
            ValueLengthLimit = (int)MaxRequestBytes,
            BufferBodyLengthLimit = MaxRequestBytes,
        }));
        try
        {
            await request.ReadFormAsync(ct);
            return null;
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
}
