using KumaTip.Application.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace KumaTip.Web.Api;

/// <summary>The single mapping from expected failures to ProblemDetails; every error has a stable <c>code</c>.</summary>
public static class ApiProblems
{
    /// <summary>The error as a typed result, so a handler can declare it in <c>Results&lt;Ok&lt;T&gt;, ProblemHttpResult&gt;</c>.</summary>
    public static ProblemHttpResult Problem(this Error error) => TypedResults.Problem(Create(error));

    public static Results<Ok<T>, ProblemHttpResult> ToOk<T>(this Result<T> result) =>
        result.Succeeded ? TypedResults.Ok(result.Value) : result.Error!.Problem();

    public static Results<Ok<TBody>, ProblemHttpResult> ToOk<T, TBody>(this Result<T> result, Func<T, TBody> body) =>
        result.Succeeded ? TypedResults.Ok(body(result.Value!)) : result.Error!.Problem();

    public static Results<Created<TBody>, ProblemHttpResult> ToCreated<T, TBody>(this Result<T> result, Func<T, string> location, Func<T, TBody> body) =>
        result.Succeeded ? TypedResults.Created(location(result.Value!), body(result.Value!)) : result.Error!.Problem();

    public static Results<NoContent, ProblemHttpResult> ToNoContent(this Result result) =>
        result.Succeeded ? TypedResults.NoContent() : result.Error!.Problem();

    public static ProblemDetails Create(Error error)
    {
        var status = error.Kind switch
        {
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status400BadRequest,
        };
        var problem = new ProblemDetails { Status = status, Title = error.Message, Type = $"https://kumatip.dev/errors/{error.Code}" };
        problem.Extensions["code"] = error.Code;
        if (error.Field is not null)
        {
            problem.Extensions["field"] = error.Field;
        }

        if (error.RenewsAt is { } renewsAt)
        {
            problem.Extensions["renewsAt"] = renewsAt;
        }

        return problem;
    }

    /// <summary>Tells a throttled client when to come back (<c>Retry-After</c>, in seconds), when the error says.</summary>
    public static void SetRetryAfter(this HttpResponse response, Error? error)
    {
        if (error?.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public static Task WriteAsync(HttpContext context, int status)
    {
        var (code, title) = status switch
        {
            StatusCodes.Status401Unauthorized => ("unauthenticated", "Sign in or send a valid personal access token (Authorization: Bearer ...)."),
            StatusCodes.Status403Forbidden => ("forbidden", "Your role does not allow this."),
            StatusCodes.Status415UnsupportedMediaType => ("unsupported_media_type", "Send the body as JSON: Content-Type: application/json."),
            _ => ("error", "The request failed."),
        };
        var problem = new ProblemDetails { Status = status, Title = title, Type = $"https://kumatip.dev/errors/{code}" };
        problem.Extensions["code"] = code;
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }
}
