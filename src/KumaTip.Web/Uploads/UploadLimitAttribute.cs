using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace KumaTip.Web.Uploads;

/// <summary>
/// On a page that takes files: reads the posted form under <see cref="LimitedForm.MaxRequestBytes"/> before the
/// antiforgery check reads it without a cap. An oversized post is sent back to the page (303) with
/// <c>?uploadTooLarge=true</c>, which the page shows as a clear error.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    public const string QueryFlag = "uploadTooLarge";

    // After authorization (0), before antiforgery validation (1000).
    public int Order => 500;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return;
        }

        var form = await LimitedForm.ReadAsync(request, context.HttpContext.RequestAborted);
        if (form.Error?.Code == LimitedForm.TooLargeCode)
        {
            var query = QueryString.Create(request.Query.Where(q => q.Key is not "handler" and not QueryFlag))
                .Add(QueryFlag, "true");
            context.Result = new RedirectResult(request.PathBase + request.Path + query) { PreserveMethod = false };
        }
    }
}
