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
    public UserInput Input { get; set; } = new(Role: Roles.Analyst);

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

            Input = new UserInput(user.UserName, user.Email, user.Role, user.TenantIds);
            IsDisabled = user.IsDisabled;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var saved = Id is { } id ? await users.UpdateAsync(id, Input, ct) : await users.CreateAsync(Input, ct);
        if (saved.Succeeded)
        {
            return RedirectToPage("Index");
        }

        ModelState.AddError(saved.Error!, nameof(Input));
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
