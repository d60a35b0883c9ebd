using System.Runtime.CompilerServices;

namespace KumaTip.BrowserTests.Infrastructure;

/// <summary>Runs a browser step; when it fails, keeps a screenshot and the page's HTML and names them in the failure.</summary>
public static class FailureArtifacts
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    public static async Task RunAsync(this IPage page, Func<Task> steps, [CallerMemberName] string test = "")
    {
        try
        {
            await steps();
        }
        catch (Exception failure)
        {
            var saved = await SaveAsync(page, test);
            throw new BrowserTestFailure($"{failure.Message}{Environment.NewLine}Page {page.Url}; artefacts: {saved}", failure);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task<string> SaveAsync(IPage page, string test)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var stem = Path.Combine(Directory, $"{test}-{DateTime.UtcNow:HHmmss}");
            await page.ScreenshotAsync(new() { Path = stem + ".png", FullPage = true });
            await File.WriteAllTextAsync(stem + ".html", await page.ContentAsync());
            return $"{stem}.png, {stem}.html";
        }
        catch (PlaywrightException unsaved)
        {
            return "none (" + unsaved.Message + ")";
        }
    }
}

public sealed class BrowserTestFailure(string message, Exception inner) : Exception(message, inner);
