namespace KumaTip.BrowserTests.Screenshots;

/// <summary>
/// A test that only saves a picture for the documentation: it runs when <c>KUMATIP_SCREENSHOT_PATH</c> names the file
/// to write (scripts/screenshot.sh sets it) and is reported as skipped otherwise, so it never counts as a pass.
/// </summary>
public sealed class ScreenshotFactAttribute : FactAttribute
{
    public const string PathVariable = "KUMATIP_SCREENSHOT_PATH";

    public ScreenshotFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PathVariable)))
        {
            Skip = $"Documentation screenshot: run scripts/screenshot.sh (or set {PathVariable}).";
        }
    }
}
