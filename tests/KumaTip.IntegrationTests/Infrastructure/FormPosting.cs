using System.Net;
using System.Text.RegularExpressions;

namespace KumaTip.IntegrationTests.Infrastructure;

/// <summary>Posts forms the way a browser does: fetch the page, take its antiforgery token, post the fields.</summary>
public static partial class FormPosting
{
    /// <summary>The name of the input record a page binds (<c>[BindProperty] public XInput Input</c>).</summary>
    public const string InputPrefix = "Input";

    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient browser, string pageUrl, Dictionary<string, string> fields, string? handler = null, string? formPage = null)
    {
        var page = await browser.GetAsync(formPage ?? pageUrl);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {formPage ?? pageUrl} answered {(int)page.StatusCode}");
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken(html);
        var target = handler is null ? pageUrl : $"{pageUrl}{(pageUrl.Contains('?') ? '&' : '?')}handler={handler}";
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await browser.PostAsync(target, content);
    }

    /// <summary>
    /// Posts a page's form of an input record: the browser names each field after the bound record's property
    /// (<c>Input.Name</c>), so the fields given here are prefixed likewise.
    /// </summary>
    public static Task<HttpResponseMessage> PostInputAsync(
        this HttpClient browser, string pageUrl, Dictionary<string, string> input, string? formPage = null) =>
        browser.PostFormAsync(pageUrl, input.ToDictionary(f => $"{InputPrefix}.{f.Key}", f => f.Value), formPage: formPage);

    /// <summary>Posts a multipart form (file uploads) with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(
        this HttpClient browser, string pageUrl, MultipartFormDataContent content, string? handler = null, string? formPage = null)
    {
        var html = await browser.GetStringAsync(formPage ?? pageUrl);
        content.Add(new StringContent(AntiforgeryToken(html)), "__RequestVerificationToken");
        var target = handler is null ? pageUrl : $"{pageUrl}{(pageUrl.Contains('?') ? '&' : '?')}handler={handler}";
        return await browser.PostAsync(target, content);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
