using Deque.AxeCore.Playwright;

namespace KumaTip.BrowserTests.Accessibility;

/// <summary>
/// What a page must not do, watched from before it loads: console errors (a style or script the CSP blocked is one),
/// uncaught exceptions, failed requests and answers of 400 and above (a missing favicon is one), and, on demand, the
/// axe-core rules. axe-core runs from the script bundled in Deque.AxeCore.Commons: nothing is downloaded.
/// </summary>
public sealed class PageProblems
{
    private readonly List<string> _seen = [];

    /// <summary>What the page is doing now (loading, axe-core running...), written beside each problem seen.</summary>
    public string Phase { get; set; } = "loading";

    private PageProblems(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsChromiumNoise(message.Text))
            {
                Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Add("uncaught: " + error);
        page.RequestFailed += (_, request) =>
        {
            // A navigation away (a form posted, a link followed) aborts what the old page still loaded: not a fault.
            if (request.Failure is not "net::ERR_ABORTED")
            {
                Add($"request failed: {request.Method} {request.Url} ({request.Failure})");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Add($"answered {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
    }

    /// <summary>Starts watching a page; call before its first navigation.</summary>
    public static PageProblems Watch(IPage page) => new(page);

    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    /// <summary>Runs axe-core on the page as it is now and records every violation, one line per rule and element.</summary>
    public async Task CheckAccessibilityAsync(IPage page, string state)
    {
        Phase = "axe-core on " + state;
        var result = await page.RunAxe();
        foreach (var violation in result.Violations)
        {
            foreach (var node in violation.Nodes)
            {
                Add($"axe {violation.Id} ({violation.Impact}): {node.Target} {Shorten(node.Html)} — {violation.Help}");
            }
        }

        Phase = "after axe-core on " + state;
    }

    /// <summary>
    /// Fetches the page's icons and /favicon.ico: headless Chromium asks for no icon itself, a desktop browser does,
    /// and a missing one is an error in its console.
    /// </summary>
    public async Task CheckIconsAsync(IPage page)
    {
        var icons = await page.Locator("link[rel~=icon]").EvaluateAllAsync<string[]>("links => links.map(l => l.href)");
        if (icons.Length == 0)
        {
            Add("no <link rel=icon> in the page's head");
        }

        foreach (var icon in icons.Append(new Uri(new Uri(page.Url), "/favicon.ico").ToString()))
        {
            var response = await page.Context.APIRequest.GetAsync(icon);
            var type = response.Headers.GetValueOrDefault("content-type", "");
            if (!response.Ok || !type.StartsWith("image/", StringComparison.Ordinal))
            {
                Add($"icon {icon} answered {response.Status} {type}");
            }
        }
    }

    private void Add(string problem)
    {
        lock (_seen)
        {
            _seen.Add($"[{Phase}] {problem}");
        }
    }

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";

    /// <summary>Headless Chromium's own complaints that no page can cause or fix.</summary>
    private static bool IsChromiumNoise(string text) => text.Contains("DevTools", StringComparison.Ordinal);
}
