using KumaTip.Application.Resources;
using KumaTip.Application.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Resources;

/// <summary>
/// Add or change a sealed resource (a secret, a proxy server). The form binds the input record the API takes; the
/// stored credentials are never put back into the page: the form shows them masked and empty, and an empty field
/// keeps the stored value.
/// </summary>
public abstract class ResourceEditModel<TResource, TInput, TSummary>(
    SealedResourceService<TResource, TInput, TSummary> resources, TenantService tenants, TenantSelection selection) : PageModel
    where TResource : SealedResource, new()
    where TInput : class, IResourceInput
    where TSummary : class, IResourceSummary
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public TInput Input { get; set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    /// <summary>The stored resource when editing.</summary>
    public TSummary? Existing { get; private set; }

    public IReadOnlyList<Tenant> Tenants { get; private set; } = [];

    public virtual async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input = Existing is { } existing ? InputOf(existing) : NewInput((await selection.GetAsync(ct)).FirstOrDefault());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var saved = Id is { } id ? await resources.UpdateAsync(id, Input, ct) : await resources.CreateAsync(Input, ct);
            if (saved.Succeeded)
            {
                return RedirectToPage("Edit", new { id = saved.Value!.Id, saved = true });
            }

            ModelState.AddError(saved.Error!, nameof(Input));
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        var name = (await resources.GetAsync(Id ?? Guid.Empty, ct)).Value?.Name;
        var deleted = await resources.DeleteAsync(Id ?? Guid.Empty, ct);
        if (deleted.Succeeded)
        {
            return RedirectToPage("Index", new { deleted = name });
        }

        ModelState.AddError(deleted.Error!);
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        // The delete form posts only the id: show the stored values again, not an empty form.
        Input = InputOf(Existing!);
        return Page();
    }

    /// <summary>The form filled from the stored resource, credentials left empty.</summary>
    protected abstract TInput InputOf(TSummary existing);

    protected abstract TInput NewInput(Guid tenantId);

    /// <summary>False when editing a resource the user may not see (or that is gone).</summary>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Tenants = await tenants.ListAsync(ct);
        if (Id is not { } id)
        {
            return true;
        }

        Existing = (await resources.GetAsync(id, ct)).Value;
        return Existing is not null;
    }
}
