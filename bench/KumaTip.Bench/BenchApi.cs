using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace KumaTip.Bench;

/// <summary>What a user or a script does through the public API and the sign-in form, shared by the benchmarks.</summary>
public static partial class BenchApi
{
    /// <summary>A personal access token, created with the user's password through <c>POST /api/v1/tokens</c>.</summary>
    public static async Task<string> TokenAsync(HttpClient http, string userName, string password)
    {
        var response = await http.PostAsJsonAsync("/api/v1/tokens", new { userName, password, name = "bench" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>Creates a user as the administrator; returns a token of the new user.</summary>
    public static async Task<string> CreateUserAsync(HttpClient http, string admin, string userName, string role, Guid tenantId, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users")
        {
            Content = JsonContent.Create(new { userName, role, tenantIds = new[] { tenantId }, password }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        return await TokenAsync(http, userName, password);
    }

    /// <summary>An ingestion token of the tenant, created by the administrator, for <c>POST /api/v1/events</c>.</summary>
    public static async Task<string> IngestionTokenAsync(HttpClient http, string admin, Guid tenantId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingestion-tokens") { Content = JsonContent.Create(new { tenantId, name = "bench" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public static async Task<Guid> TenantIdAsync(HttpClient http, string admin, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenants");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    public static HttpClient Client(Uri baseAddress, string token)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Signs in through the login form as a browser does (antiforgery token from the page, then the post) and leaves
    /// the session cookie in <paramref name="browser"/>, whose handler must keep cookies and not follow redirects.
    /// </summary>
    public static async Task SignInAsync(HttpClient browser, string userName, string password)
    {
        var html = await browser.GetStringAsync("/Account/Login");
        var token = AntiforgeryToken().Match(html);
        if (!token.Success)
        {
            throw new InvalidOperationException("The login page has no antiforgery token.");
        }

        using var response = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in answered {(int)response.StatusCode} instead of a redirect.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
