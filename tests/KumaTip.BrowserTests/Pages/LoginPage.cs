namespace KumaTip.BrowserTests;

public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string userName, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
    }
}
