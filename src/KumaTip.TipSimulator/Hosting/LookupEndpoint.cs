using System.Diagnostics;
using KumaTip.TipSimulator.Data;
using KumaTip.TipSimulator.Faults;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace KumaTip.TipSimulator.Hosting;

/// <summary>
/// <c>GET /api/{type}/{value}?sections=..&amp;count=N&amp;format=json</c>, in the order the service would fail:
/// injected faults, credentials, the day quota, then the query itself.
/// </summary>
internal sealed class LookupEndpoint(SimulatorState state, CancellationToken stopping)
{
    public async Task HandleAsync(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var target = ApiTarget.Parse(rawTarget);
        if (target.Value is null)
        {
            await ApiAnswers.WriteErrorAsync(context, StatusCodes.Status404NotFound, "Not found: use GET /api/{type}/{value}.");
            return;
        }

        state.Requests.Count(target.Value);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await ServeAsync(context, target);
        }
        finally
        {
            // How long TIP itself took, as a benchmark subtracts it from what the user waited for.
            state.Requests.Served(target.Value, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task ServeAsync(HttpContext context, ApiTarget target)
    {
        if (await FaultResponder.ApplyAsync(state.Faults.Next(), context, stopping))
        {
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await ApiAnswers.WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "Only GET is supported.");
            return;
        }

        var (standing, userName) = state.Accounts.Check(context.Request.Headers.Authorization);
        switch (standing)
        {
            case AccountStanding.BadCredentials:
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Kaspersky Threat Intelligence Portal\"";
                await ApiAnswers.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "The user name or password is wrong.");
                return;
            case AccountStanding.TermsNotAccepted:
                await ApiAnswers.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Log in to the portal and accept the Terms and Conditions first.");
                return;
            case AccountStanding.NoApiAccess:
                await ApiAnswers.WriteErrorAsync(context, StatusCodes.Status403Forbidden, "This account has no access to the API.");
                return;
        }

        if (!state.Quota.TryConsume(userName, out var usedToday))
        {
            await ApiAnswers.WriteErrorAsync(context, StatusCodes.Status403Forbidden, $"The daily quota of {state.Quota.Quota} requests is used up; it renews at 00:00 UTC.");
            return;
        }

        await AnswerLookupAsync(context, target, usedToday);
    }

    private async Task AnswerLookupAsync(HttpContext context, ApiTarget target, int usedToday)
    {
        if (target.Type is null || !ObservableParser.TryParseKind(target.Type, out var kind))
        {
            await ApiAnswers.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "The type is hash, ip, domain or url, and the value one percent-encoded path segment.");
            return;
        }

        var parsed = ObservableParser.Parse(kind, target.Value!);
        if (!parsed.IsValid)
        {
            await ApiAnswers.WriteErrorAsync(context, parsed.Status, parsed.Error!);
            return;
        }

        var query = context.Request.Query;
        int? count = null;
        if (query.TryGetValue("count", out var countText))
        {
            if (!int.TryParse(countText, out var parsedCount) || parsedCount < 1)
            {
                await ApiAnswers.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "count must be a positive whole number.");
                return;
            }

            count = parsedCount;
        }

        var report = state.Catalog.Report(kind, parsed.Value!);
        if (report is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var licenseInfo = new { AccessType = state.AccessType, DayRequests = usedToday, DayQuota = state.Quota.Quota, TokenExpirationDate = (DateTime?)null };
        var body = LookupResponse.Compose(report, RequestedSections(query), count, licenseInfo);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers[HeaderNames.CacheControl] = "no-store";
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static HashSet<string>? RequestedSections(IQueryCollection query)
    {
        var names = query["sections"].SelectMany(value => (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var set = names.ToHashSet(StringComparer.Ordinal);
        return set.Count == 0 ? null : set;
    }
}
