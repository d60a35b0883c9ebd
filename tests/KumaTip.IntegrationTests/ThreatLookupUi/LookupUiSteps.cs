using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using KumaTip.Application.Observables;
using KumaTip.Application.Persistence;
using KumaTip.Application.ThreatLookup.Cache;
using KumaTip.Application.ThreatLookup.Tip;
using KumaTip.IntegrationTests.ThreatLookup;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.ThreatLookupUi;

/// <summary>What an analyst does in the browser: follow links, post forms with repeated fields, wait for a task.</summary>
public static partial class LookupUiSteps
{
    /// <summary>Posts a form whose fields may repeat (check boxes), with the antiforgery token of <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostFieldsAsync(
        this HttpClient browser, string formPage, string target, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await browser.GetStringAsync(formPage);
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", FormPosting.AntiforgeryToken(html))));
        return await browser.PostAsync(target, content);
    }

    public static string Location(this HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"expected a redirect, got {(int)response.StatusCode}");
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>The task id of a <c>/ThreatLookup/Progress/{id}</c> address.</summary>
    public static Guid ProgressTaskId(string location)
    {
        var match = ProgressPattern().Match(location);
        Assert.True(match.Success, $"not a progress page: {location}");
        return Guid.Parse(match.Groups[1].Value);
    }

    /// <summary>The tasks a page links to (their progress pages), in order.</summary>
    public static List<Guid> ProgressTaskIds(string html) =>
        [.. ProgressPattern().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).Distinct()];

    /// <summary>Waits for a task through the same API the page's script polls.</summary>
    public static async Task<JsonElement> WaitForTaskAsync(this HttpClient client, Guid id)
    {
        for (var i = 0; i < 4; i++)
        {
            var task = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}?waitSeconds=30");
            if (task.GetProperty("state").GetString() is "Completed" or "Failed" or "Cancelled")
            {
                return task;
            }
        }

        throw new TimeoutException($"Task {id} did not finish.");
    }

    /// <summary>The "Show info from Threat Lookup" link of an observable in Event information.</summary>
    public static string ShowInfoLink(string eventHtml, string observableKey)
    {
        var match = Regex.Match(
            eventHtml,
            "data-observable-key=\"" + Regex.Escape(WebUtility.HtmlEncode(observableKey)) + "\" data-observable-type=\"[^\"]*\" data-observable-value=\"[^\"]*\"\\s+href=\"([^\"]+)\"");
        Assert.True(match.Success, $"no Show info link for {observableKey}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The update time the panel shows (its machine-readable form).</summary>
    public static DateTimeOffset UpdateTime(string panelHtml)
    {
        var match = UpdatedAtPattern().Match(panelHtml);
        Assert.True(match.Success, "the panel shows no update time");
        return DateTimeOffset.Parse(WebUtility.HtmlDecode(match.Groups[1].Value), CultureInfo.InvariantCulture);
    }

    /// <summary>Puts an answer straight into the cache, as if TIP had sent it.</summary>
    public static Task CacheAsync<TDb>(this LookupApp<TDb> app, string value, Dictionary<string, string> sections, DateTimeOffset? obtainedAt = null, bool notFound = false)
        where TDb : IDatabaseKind => app.AsAdministratorAsync(async sp =>
    {
        var observable = ObservableParser.Parse(value).Value!;
        var at = obtainedAt ?? DateTimeOffset.UtcNow;
        var entry = new ObservableCacheEntry
        {
            Id = Guid.CreateVersion7(),
            Key = observable.Key,
            TipType = observable.TipType,
            Value = observable.Value,
            Zone = notFound ? TipZone.Unknown : TipZones.Parse(sections.GetValueOrDefault("Zone")?.Trim('"')),
            NotFound = notFound,
            UpdatedAt = at,
        };
        entry.Sections.AddRange(sections.Select(s => new CachedSection { EntryId = entry.Id, Name = s.Key, Json = s.Value, ObtainedAt = at }));
        var db = sp.GetRequiredService<AppDbContext>();
        db.ObservableCache.Add(entry);
        await db.SaveChangesAsync();
        return 0;
    });

    public static string Russian(this HttpClient browser)
    {
        browser.DefaultRequestHeaders.AcceptLanguage.Clear();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        return "ru";
    }

    public static void English(this HttpClient browser)
    {
        browser.DefaultRequestHeaders.AcceptLanguage.Clear();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
    }

    [GeneratedRegex("/ThreatLookup/Progress/([0-9a-fA-F-]{36})")]
    private static partial Regex ProgressPattern();

    [GeneratedRegex("<time datetime=\"([^\"]+)\" data-testid=\"updated-at\"")]
    private static partial Regex UpdatedAtPattern();
}
