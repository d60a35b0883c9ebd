using KumaTip.Web.Api;

namespace KumaTip.Web.Uploads;

/// <summary>
/// Marks a page or an API endpoint that takes files: <see cref="UploadLimit.UseUploadLimit"/> reads its posted form
/// under <see cref="LimitedForm.MaxRequestBytes"/> before anything else reads it (binding, antiforgery) without a cap.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitAttribute : Attribute
{
    public const string QueryFlag = "uploadTooLarge";
}

public static class UploadLimit
{
    /// <summary>
    /// An oversized post to a page is sent back to it with <c>?uploadTooLarge=true</c>, which the page shows as a
    /// clear error; the API answers 413 <c>upload_too_large</c>, and 400 <c>form_expected</c> to a body that is not a form and
    /// <c>form_malformed</c> to a multipart body cut short (a page answers that one 400 in plain text).
    /// </summary>
    public static IApplicationBuilder UseUploadLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var api = request.Path.StartsWithSegments("/api");
        if (context.GetEndpoint()?.Metadata.GetMetadata<UploadLimitAttribute>() is null
            || !(HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
            || (!api && !request.HasFormContentType)
            || await LimitedForm.ReadAsync(request, context.RequestAborted) is not { } refused)
        {
            await next(context);
        }
        else if (api)
        {
            var problem = ApiProblems.Create(refused);
            problem.Status = refused.Code == LimitedForm.TooLargeCode ? StatusCodes.Status413PayloadTooLarge : problem.Status;
            await TypedResults.Problem(problem).ExecuteAsync(context);
        }
        else if (refused.Code == LimitedForm.MalformedCode)
        {
            // A page's own form is never malformed; only a hand-made request is, so a plain answer is enough.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(refused.Message, context.RequestAborted);
        }
        else
        {
            var query = QueryString.Create(request.Query.Where(q => q.Key is not "handler" and not UploadLimitAttribute.QueryFlag))
                .Add(UploadLimitAttribute.QueryFlag, "true");
            context.Response.Redirect(request.PathBase + request.Path + query);
        }
    });
}
