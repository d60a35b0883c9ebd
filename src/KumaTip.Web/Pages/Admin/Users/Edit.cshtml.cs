using KumaTip.Application.Identity;
using KumaTip.Application.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Admin.Users;

public sealed class EditModel(UserService users, TenantService tenants) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string Role { get; set; } = Roles.Analyst;

    [BindProperty]
    public List<Guid> TenantIds { get; set; } = [];

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public bool IsDisabled { get; private set; }

    public List<Tenant> AllTenants { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        AllTenants = await tenants.ListAsync(ct);
        if (Id is { } id)
        {
            var user = await users.FindAsync(id, ct);
            if (user is null)
            {
                return NotFound();
            }

            (UserName, Email, Role, TenantIds, IsDisabled) = (user.UserName, user.Email, user.Role, user.TenantIds.ToList(), user.IsDisabled);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = new UserInput(UserName, Email, Role, TenantIds);
        var saved = Id is { } id ? await users.UpdateAsync(id, input, ct) : await users.CreateAsync(input, Password, ct);
        if (saved.Succeeded)
        {
            return RedirectToPage("Index");
        }

        ModelState.AddError(saved.Error!);
        return await RedisplayAsync(ct);
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(CancellationToken ct)
    {
        var reset = await users.ResetPasswordAsync(Id ?? Guid.Empty, NewPassword, ct);
        if (reset.Succeeded)
        {
            return RedirectToPage("Index");
        }

        ModelState.AddError(reset.Error!);
        return await OnGetAsync(ct);
    }

    public async Task<IActionResult> OnPostDisableAsync(bool disabled, CancellationToken ct)
    {
        var result = await users.SetDisabledAsync(Id ?? Guid.Empty, disabled, ct);
        if (result.Succeeded)
        {
            return RedirectToPage("Index");
        }

        ModelState.AddError(result.Error!);
        return await OnGetAsync(ct);
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        AllTenants = await tenants.ListAsync(ct);
        return Page();
    }
}
