namespace KumaTip.BrowserTests;

public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string userName, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            // Generous: password hashing is slow on purpose, and the suite shares two cores with the other tests.
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase), new() { Timeout = 45_000 });
        }
        catch (TimeoutException)
        {
            var shown = await page.Locator(".validation-summary-errors, .field-validation-error, .error, [role=alert]").AllInnerTextsAsync();
            throw new TimeoutException($"Signing in as {userName} did not leave the login page; it shows: {string.Join(" | ", shown)}");
        }
    }
}
