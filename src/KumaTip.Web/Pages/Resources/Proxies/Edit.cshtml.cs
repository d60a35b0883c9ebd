using KumaTip.Application.Proxies;
using KumaTip.Application.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Resources.Proxies;

/// <summary>Add or change a proxy server; its user and password are shown masked and kept unless retyped.</summary>
public sealed class EditModel(ProxyService proxies, TenantService tenants, TenantSelection selection) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public Guid? TenantId { get; set; }

    [BindProperty]
    public new string? Url { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public bool ClearCredentials { get; set; }

    /// <summary>One entry per line (commas and spaces separate too).</summary>
    [BindProperty]
    public string? Bypass { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public ProxySummary? Existing { get; private set; }

    public IReadOnlyList<Tenant> Tenants { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Existing is { } proxy)
        {
            (Name, TenantId, Url, Bypass, Description, Version) =
                (proxy.Name, proxy.TenantId, proxy.Url, string.Join('\n', proxy.Bypass), proxy.Description, proxy.Version);
        }
        else
        {
            TenantId ??= (await selection.GetAsync(ct)).FirstOrDefault();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var input = new ProxyInput(Name, TenantId, Url, UserName, Password, Bypass is null ? [] : [Bypass], Description, ClearCredentials, Version);
            var saved = Id is { } id ? await proxies.UpdateAsync(id, input, ct) : await proxies.CreateAsync(input, ct);
            if (saved.Succeeded)
            {
                return RedirectToPage("Edit", new { id = saved.Value!.Id, saved = true });
            }

            ModelState.AddError(saved.Error!);
        }

        return await RedisplayAsync(ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        var name = (await proxies.FindAsync(Id ?? Guid.Empty, ct))?.Name;
        var deleted = await proxies.DeleteAsync(Id ?? Guid.Empty, ct);
        if (deleted.Succeeded)
        {
            return RedirectToPage("Index", new { deleted = name });
        }

        ModelState.AddError(deleted.Error!);
        return await RedisplayAsync(ct);
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        (UserName, Password) = (null, null);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Tenants = await tenants.ListAsync(ct);
        if (Id is not { } id)
        {
            return true;
        }

        Existing = await proxies.FindAsync(id, ct);
        return Existing is not null;
    }
}
