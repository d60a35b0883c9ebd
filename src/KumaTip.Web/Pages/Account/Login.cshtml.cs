using KumaTip.Application.Identity;
using KumaTip.Application.Identity.SignIn;
using KumaTip.Web.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KumaTip.Web.Pages.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, PasswordCheck passwords, IStringLocalizer<SharedText> text) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(string.Empty, text["Enter your user name and password."]);
            return Page();
        }

        var checkedUser = await passwords.CheckAsync(new SignInAttempt(UserName, Password, HttpContext.Connection.RemoteIpAddress));
        if (checkedUser.Succeeded)
        {
            await signIn.SignInAsync(checkedUser.Value!, isPersistent: false);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        var error = checkedUser.Error!;
        if (error.RetryAfter is { } retryAfter)
        {
            Response.SetRetryAfter(error);
            ModelState.AddModelError(string.Empty, text["Too many sign-in attempts. Try again in {0} seconds.", (int)retryAfter.TotalSeconds]);
            var page = Page();
            page.StatusCode = StatusCodes.Status429TooManyRequests;
            return page;
        }

        ModelState.AddModelError(string.Empty, text["Wrong user name or password."]);
        return Page();
    }
}
