using System.Text.Json;
using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Web.Api;
using KumaTip.Web.Pages.ThreatLookup.Panel;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>
/// A panel as a download: the whole cache entry as JSON, in the API's shape (each data group as TIP sent it, with the
/// time it was obtained), or one table section as CSV with the panel's column labels. 404 when nothing is cached or the
/// panel has no such table, 400 for a value that is not an observable.
/// </summary>
public static class PanelExport
{
    public const string Path = "/ThreatLookup/Panel/Export";

    /// <summary>The JSON download, or with <paramref name="section"/> (a table section's anchor) its CSV.</summary>
    public static string Link(Observable observable, string? section = null) =>
        $"{Path}?value={Uri.EscapeDataString(observable.Value)}&type={observable.TipType}"
        + (section is null ? "" : $"&section={Uri.EscapeDataString(section)}");

    public static IEndpointRouteBuilder MapThreatLookupPanelExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (
            string? value, string? type, string? section, ObservableDetailsReader reader, IStringLocalizer<ThreatLookupText> text,
            IOptions<JsonOptions> json, Localization.ServiceErrorTranslator errors, CancellationToken ct) =>
        {
            var observable = ObservableParser.Parse(value, type);
            var found = observable.Value is { } o ? await reader.FindAsync(o, ct) : observable.Error!;
            if (found.Error is { } error)
            {
                return errors.AsText(error);
            }

            var details = found.Value!;
            var name = FileName(details.Observable);
            if (section is null)
            {
                return Results.File(JsonSerializer.SerializeToUtf8Bytes(ObservableDto.From(details), json.Value.SerializerOptions), "application/json", name + ".json");
            }

            return ObservablePanelBuilder.Build(details).Sections.FirstOrDefault(s => s.Anchor == section)?.Content is PanelNode.RecordTable table
                ? Results.File(PanelCsv.Write(table, text), "text/csv; charset=utf-8", $"{name}-{FileName(section)}.csv")
                : Results.Text($"The panel has no table '{section}'.", "text/plain; charset=utf-8", statusCode: 404);
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>The type and value, with only letters, digits, dots and dashes: <c>url-dd.daywinners.com-d-x.exe</c>.</summary>
    private static string FileName(Observable observable) => FileName($"{observable.TipType}-{observable.Value}");

    private static string FileName(string text)
    {
        var safe = new string([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-')]).Trim('-', '.');
        return safe.Length <= 100 ? safe : safe[..100];
    }
}
