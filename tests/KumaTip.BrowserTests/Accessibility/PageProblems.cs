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
        var result = await page.RunAxe();
        foreach (var violation in result.Violations)
        {
            foreach (var node in violation.Nodes)
            {
                Add($"axe {violation.Id} ({violation.Impact}) in {state}: {node.Target} {Shorten(node.Html)} — {violation.Help}");
            }
        }
    }

    private void Add(string problem)
    {
        lock (_seen)
        {
            _seen.Add(problem);
        }
    }

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";

    /// <summary>Headless Chromium's own complaints that no page can cause or fix.</summary>
    private static bool IsChromiumNoise(string text) => text.Contains("DevTools", StringComparison.Ordinal);
}
