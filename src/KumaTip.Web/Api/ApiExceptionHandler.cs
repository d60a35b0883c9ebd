using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace KumaTip.Web.Api;

/// <summary>
/// Malformed requests (bad JSON, a body or query value that does not bind) are the client's mistake: answered with
/// their status (a ProblemDetails with code <c>malformed_request</c> on the API) and not logged here; the request log
/// records them at Information like any 4xx. Anything else unexpected on the API is logged and answered with a generic
/// 500 that reveals nothing; on pages the Error page shows it.
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // The middleware has already rewritten Request.Path to the error page; the feature keeps the original.
        var path = context.Features.Get<IExceptionHandlerFeature>()?.Path ?? context.Request.Path;
        var isApi = path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            var tooLarge = bad.StatusCode == StatusCodes.Status413PayloadTooLarge;
            problem = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = tooLarge
                    ? "The request body is too large."
                    // A form field that does not bind ("The value 'x' is not valid for 'TenantId'.") is named by the outer message.
                    : "The request is malformed: " + (bad.InnerException is JsonException json ? json.Message : bad.Message),
            };
            problem.Extensions["code"] = tooLarge ? "payload_too_large" : "malformed_request";
            if (!isApi)
            {
                // A page or form endpoint: not an error of ours, so not the Error page and its 500.
                context.Response.StatusCode = bad.StatusCode;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(problem.Title, ct);
                return true;
            }
        }
        else if (!isApi)
        {
            return false; // the Error page; the middleware logs the exception
        }
        else
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred. It was logged." };
            problem.Extensions["code"] = "internal_error";
        }

        // The same id as in the other ProblemDetails and in the log lines of the request.
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier;
        context.Response.StatusCode = problem.Status!.Value;
        await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", cancellationToken: ct);
        return true;
    }
}
