using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Proxies;
using KumaTip.Application.Secrets;
using KumaTip.Application.ThreatLookup.Client;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.Web.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Settings;

/// <summary>
/// Settings → Kaspersky Threat Lookup. General administrators change it; Tenant administrators see it read-only
/// (they should know whether Threat Lookup is on and through which proxy), without the name of a secret or proxy
/// server of a tenant they may not see.
/// </summary>
[UploadLimit]
public sealed class ThreatLookupModel(ThreatLookupSettingsService settings, SecretService secrets, ProxyService proxies, ConnectionTest connectionTest) : PageModel
{
    [BindProperty]
    public ThreatLookupSettingsInput Input { get; set; } = new();

    /// <summary>A new additional CA certificate, uploaded (the API takes its PEM text as <see cref="ThreatLookupSettingsInput.ExtraCaPem"/>).</summary>
    [BindProperty]
    public IFormFile? ExtraCa { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    /// <summary>The save left no secret chosen: its credentials were not confirmed for the new address.</summary>
    [BindProperty(SupportsGet = true)]
    public bool SecretUnselected { get; set; }

    [BindProperty(SupportsGet = true, Name = UploadLimitAttribute.QueryFlag)]
    public bool UploadTooLarge { get; set; }

    public ThreatLookupSettingsView Current { get; private set; } = null!;

    /// <summary>Only kti secrets can be chosen.</summary>
    public IReadOnlyList<SecretSummary> Secrets { get; private set; } = [];

    public IReadOnlyList<ProxySummary> Proxies { get; private set; } = [];

    /// <summary>Whether the open &lt;details&gt; part should start open (an error in it, or a value off its default).</summary>
    public bool AdvancedOpen { get; private set; }

    /// <summary>The outcome of "Test connection", shown once after the post.</summary>
    public TipConnectionTestResult? TestResult { get; private set; }

    public string? TestError { get; private set; }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken ct)
    {
        if (!User.IsInRole(Roles.GeneralAdministrator))
        {
            return Forbid();
        }

        var outcome = await connectionTest.RunAsync(ct);
        TestResult = outcome.Value;
        TestError = outcome.Error?.Message; // translated by the page
        await OnGetAsync(ct);
        return Page();
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (UploadTooLarge)
        {
            ModelState.AddError(LimitedForm.TooLarge);
        }

        await LoadAsync(ct);
        Input = Current.ToInput();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var saved = await SaveAsync(ct);
            if (saved.Succeeded)
            {
                return RedirectToPage(new { saved = true, secretUnselected = Input.SecretId is not null && saved.Value!.SecretId is null });
            }

            ModelState.AddError(saved.Error!, nameof(Input));
        }

        await LoadAsync(ct);
        AdvancedOpen = true;
        return Page();
    }

    private async Task<Result<ThreatLookupSettingsView>> SaveAsync(CancellationToken ct)
    {
        var extraCa = Input.RemoveExtraCa ? null : await ExtraCa.ReadAllBytesAsync(ct);
        var pem = extraCa is null ? default : TrustedCaPem.FromFile(extraCa);
        return pem.Error is { } refused ? refused : await settings.UpdateAsync(Input with { ExtraCaPem = pem.Value }, ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Current = await settings.GetViewAsync(ct);
        Secrets = [.. (await secrets.ListAllAsync(ct)).Where(s => s.Type == SecretTypes.Kti)];
        Proxies = await proxies.ListAllAsync(ct);
        AdvancedOpen = Current.ExtraCaCertificates.Count > 0;
    }
}
