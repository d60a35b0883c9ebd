using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KumaTip.Application.Caching;
using KumaTip.Application.ThreatLookup.Lookups;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace KumaTip.Web.Pages.ThreatLookup.Panel;

/// <summary>
/// The details panel as HTML, rendered once per look of it and kept: every analyst who opens the panel of an observable
/// sees the same markup, and rendering it (the sections of a TIP answer as trees and tables) costs several times more
/// than everything else a request does. What the markup depends on is all in its key: the cached data (each section's
/// time), staleness, the portal link, the language and time zone it is written in, and the tenant choice of the Refresh
/// data form and the pivots. The one part that belongs to a user, the Refresh data form's antiforgery token, is never
/// kept: the details page writes its own into the slot the markup leaves, and the panel beside the events takes the one
/// of the events page.
/// </summary>
public sealed partial class PanelHtml(IRazorViewEngine views, ITempDataProvider tempData, IOptions<CachingOptions> caching)
{
    private const string PartialPath = "/Pages/ThreatLookup/_ObservablePanel.cshtml";

    /// <summary>Where the partial leaves room for the antiforgery token; it is never sent.</summary>
    public const string TokenSlot = "<!--kumatip:antiforgery-->";

    /// <summary>Panels kept at most (the least recently used make room); a few hundred observables are looked at in a day, a panel is ~15 KiB.</summary>
    private readonly MemoryCache _panels = new(new MemoryCacheOptions { SizeLimit = 1_000 });

    public async Task<RenderedPanel> GetAsync(HttpContext http, ObservableDetails details, TenantChoice tenant)
    {
        var zone = UserTimeZone.Of(http);
        var key = KeyOf(details, tenant, zone);
        if (_panels.TryGetValue(key, out RenderedPanel? kept))
        {
            return kept!;
        }

        var rendered = await RenderAsync(http, new PanelView(ObservablePanelBuilder.Build(details), tenant, zone));
        if (caching.Value.Enabled)
        {
            _panels.Set(key, rendered, CachingOptions.OneEntry);
        }

        return rendered;
    }

    /// <summary>Everything the markup depends on. Section times stand for their data: a section changes only when fetched.</summary>
    private static string KeyOf(ObservableDetails d, TenantChoice tenant, TimeZoneInfo zone)
    {
        var key = new StringBuilder(256)
            .Append(CultureInfo.CurrentUICulture.Name).Append(' ').Append(CultureInfo.CurrentCulture.Name).Append(' ').Append(zone.Id).Append('\n')
            .Append(d.Observable.Key).Append('\n').Append(d.Observable.Value).Append('\n')
            .Append(d.Zone).Append(d.NotFound ? " not-found " : " found ").Append(d.Stale ? "stale " : "fresh ")
            .Append(d.UpdatedAt?.UtcTicks).Append('\n')
            .Append(d.PortalLink.AbsoluteUri).Append('\n');
        foreach (var section in d.Sections)
        {
            key.Append(section.Name).Append(' ').Append(section.ObtainedAt.UtcTicks).Append(section.Stale ? " stale\n" : "\n");
        }

        key.Append(tenant.TenantId?.ToString() ?? "choose");
        foreach (var choice in tenant.Choices)
        {
            key.Append('\n').Append(choice.Id).Append(' ').Append(choice.Name);
        }

        return key.ToString();
    }

    private async Task<RenderedPanel> RenderAsync(HttpContext http, PanelView view)
    {
        // A bare action context: the partial links to pages by absolute names, so no ambient route values are needed.
        var action = new ActionContext(http, http.GetRouteData(), new ActionDescriptor());
        var found = views.GetView(executingFilePath: null, PartialPath, isMainPage: false);
        var partial = found.View ?? throw new InvalidOperationException($"The view {PartialPath} was not found.");
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var data = new ViewDataDictionary<PanelView>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = view };
        var context = new ViewContext(action, partial, data, new TempDataDictionary(http, tempData), writer, new HtmlHelperOptions());
        await partial.RenderAsync(context);

        // The markup's indentation is a quarter of its size; a run of white space with a line break in it renders as
        // one line break (the panel has no <pre> or <textarea>).
        var html = IndentationPattern().Replace(writer.ToString(), "\n");
        var slot = html.IndexOf(TokenSlot, StringComparison.Ordinal);
        return slot < 0
            ? throw new InvalidOperationException($"{PartialPath} has no antiforgery token slot.")
            : new RenderedPanel(html[..slot], html[(slot + TokenSlot.Length)..]);
    }

    [GeneratedRegex(@"\n\s*")]
    private static partial Regex IndentationPattern();
}

/// <summary>
/// The panel's markup around the slot of the antiforgery token, and without it as UTF-8, ready to send beside the
/// events (side-panel.js gives its form the token of the page it opens the panel in).
/// </summary>
public sealed record RenderedPanel(string BeforeToken, string AfterToken)
{
    public byte[] WithoutToken { get; } = Encoding.UTF8.GetBytes(BeforeToken + AfterToken);
}
