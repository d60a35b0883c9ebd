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

    public const string MalformedCode = "form_malformed";

    /// <summary>A multipart body cut short or without its boundary: no browser sends one, a hostile client may.</summary>
    public static readonly Error Malformed = new(
        MalformedCode, "The form is malformed or cut short (multipart/form-data with its boundary, every part complete). Send it again.");

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
        catch (InvalidDataException e)
        {
            // The form reader says "… limit … exceeded" for a part or body past the cap, and otherwise names what is malformed.
            return e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ? TooLarge : Malformed;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge;
        }
        catch (IOException)
        {
            // "Unexpected end of Stream": the body ended inside a part. The client's mistake, not a 500.
            return Malformed;
        }
    }
}
