using System.Net;
using System.Text.RegularExpressions;

namespace KumaTip.IntegrationTests.Infrastructure;

/// <summary>What the page tests do like a user: switch the language, follow the redirect after a save.</summary>
public static partial class PageBrowsing
{
    public static async Task SwitchToRussianAsync(this HttpClient browser)
    {
        var response = await browser.PostAsync("/culture", new FormUrlEncodedContent([new("culture", "ru"), new("returnUrl", "/")]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The id in a redirect to <c>Edit?id=...</c>, as after a successful create.</summary>
    public static Guid SavedId(this HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect after saving, got {(int)response.StatusCode}");
        var match = IdPattern().Match(response.Headers.Location!.OriginalString);
        Assert.True(match.Success, $"the redirect {response.Headers.Location} names no id");
        return Guid.Parse(match.Groups[1].Value);
    }

    public static async Task<string> HtmlAsync(this HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public static async Task<string> PageAsync(this HttpClient browser, string url)
    {
        var response = await browser.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return await response.HtmlAsync();
    }

    [GeneratedRegex("[?&]id=([0-9a-fA-F-]{36})")]
    private static partial Regex IdPattern();
}
