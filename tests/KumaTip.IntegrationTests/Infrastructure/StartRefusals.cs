using Microsoft.AspNetCore.Mvc.Testing;

namespace KumaTip.IntegrationTests.Infrastructure;

/// <summary>Starting an app that must refuse to start, and reading why, as an administrator reads it: in the log.</summary>
public static class StartRefusals
{
    public const string Prefix = "Fatal KumaTip cannot start: ";

    /// <summary>
    /// Starts <paramref name="app"/> and returns the one line it logged to refuse, the one naming <paramref name="naming"/>
    /// (other tests' apps may refuse meanwhile). Fails when it served instead.
    /// </summary>
    public static string Start(WebApplicationFactory<Program> app, string naming)
    {
        var before = Lines(naming).Count;
        // The entry point returns 1 without starting the server: the factory has no server to make a client for.
        var notServed = Record.Exception(() => app.CreateClient().GetAsync("/health/live").GetAwaiter().GetResult());
        Assert.True(notServed is not null, "The app started and served although it should have refused to start.");
        var lines = Lines(naming);
        Assert.True(lines.Count > before, $"No new '{Prefix}' line naming '{naming}' in the log; the client saw: {notServed}");
        Assert.DoesNotContain(" at KumaTip.", lines[^1], StringComparison.Ordinal);
        return lines[^1];
    }

    private static List<string> Lines(string naming) =>
        [.. CapturedLogs.All.Where(l => l.StartsWith(Prefix, StringComparison.Ordinal) && l.Contains(naming, StringComparison.Ordinal))];
}
