using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace KumaTip.Web.Api;

/// <summary>
/// Malformed requests (bad JSON, a body that does not bind) become ProblemDetails with code <c>malformed_request</c>;
/// anything else unexpected is logged and answered with a generic 500 that reveals nothing.
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            problem = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is too large."
                    // A form field that does not bind ("The value 'x' is not valid for 'TenantId'.") is named by the outer message.
                    : "The request is malformed: " + (bad.InnerException is JsonException json ? json.Message : bad.Message),
            };
            problem.Extensions["code"] = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "payload_too_large" : "malformed_request";
        }
        else
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred. It was logged." };
            problem.Extensions["code"] = "internal_error";
        }

        problem.Extensions["traceId"] = context.TraceIdentifier;
        // The middleware has already rewritten Request.Path to the error page; the feature keeps the original.
        var path = context.Features.Get<IExceptionHandlerFeature>()?.Path ?? context.Request.Path;
        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        context.Response.StatusCode = problem.Status!.Value;
        await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", cancellationToken: ct);
        return true;
    }
}
