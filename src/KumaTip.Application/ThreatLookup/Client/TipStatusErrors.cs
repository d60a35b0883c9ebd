using System.Text.Json;
using KumaTip.Application.Common;
using KumaTip.Application.Observables;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>What TIP's refusals mean, in words a user can act on (TIP-API.md, "Status codes").</summary>
internal static class TipStatusErrors
{
    public const string UnauthorizedMessage =
        "Wrong user or password, or the Terms and Conditions were not accepted at tip.kaspersky.com (log in to the portal once and accept them).";

    public const string ForbiddenMessage = "The account has no API access, or its request quota is exhausted.";

    public static Error For(int status, string body, ObservableCategory type, string value, TipTransport transport) => status switch
    {
        400 when RefusesClientCertificate(body) => TipFailure.ClientCertificateRefused(transport),
        400 => new Error(
            "tip_bad_request",
            $"TIP refused the {type.TipName()} '{Shorten(value)}' as malformed (400){Said(body)}",
            ErrorKind.Validation)
        {
            Field = "value",
        },
        401 => new Error("tip_unauthorized", UnauthorizedMessage, ErrorKind.Forbidden),
        403 => new Error("tip_forbidden", ForbiddenMessage, ErrorKind.Forbidden),
        407 => TipFailure.ProxyAuthenticationError(transport),
        414 => new Error("tip_uri_too_long", $"TIP refused the {type.TipName()} as too long (414).", ErrorKind.Validation) { Field = "value" },
        // What it said may come from a proxy or front end on the way, and name it.
        _ => new Error("tip_unexpected_status", $"TIP answered with the unexpected status {status}{Said(body)}", ErrorKind.Unavailable) { RevealsConfiguration = true },
    };

    // A front end such as nginx with optional client verification answers 400 with one of these pages instead of
    // failing the handshake; that is about the certificate, not the value.
    private static bool RefusesClientCertificate(string body) =>
        body.Contains("No required SSL certificate was sent", StringComparison.OrdinalIgnoreCase)
        || body.Contains("The SSL certificate error", StringComparison.OrdinalIgnoreCase);

    /// <summary>TIP's own explanation when it gave a short one (a JSON message or plain text), else just a full stop.</summary>
    private static string Said(string body)
    {
        var text = body.Trim();
        if (text.Length == 0)
        {
            return ".";
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in new[] { "message", "Message", "error", "Error", "detail", "title" })
                {
                    if (document.RootElement.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String)
                    {
                        text = member.GetString() ?? "";
                        break;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Plain text: shown as it is.
        }

        text = text.Trim();
        return text.Length is > 0 and <= 300 && !text.StartsWith('<') && !text.StartsWith('{') ? $": {text.TrimEnd('.')}." : ".";
    }

    private static string Shorten(string value) => value.Length <= 100 ? value : value[..97] + "...";
}
