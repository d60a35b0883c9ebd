using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;

namespace KumaTip.Web.Pages.ThreatLookup.Panel;

/// <summary>
/// A table section as CSV (RFC 4180, UTF-8 with a byte order mark so spreadsheets read Cyrillic): the panel's column
/// labels and words, but times in ISO 8601 UTC and numbers without separators, so that the programs it is opened in
/// read them as times and numbers.
/// </summary>
public static class PanelCsv
{
    // A spreadsheet runs a cell starting with one of these as a formula; TIP's data comes from the wild.
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private static readonly char[] NeedQuotes = ['"', ',', '\r', '\n'];

    public static byte[] Write(PanelNode.RecordTable table, IStringLocalizer text)
    {
        var csv = new StringBuilder();
        Line(csv, table.Columns.Select(c => c.In(text)));
        foreach (var row in table.Rows)
        {
            Line(csv, row.Select(cell => Cell(cell, text)));
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Cell(PanelNode node, IStringLocalizer text) => node switch
    {
        PanelNode.TextValue value => PanelLabel.ValueIn(text, value.Field, value.Text),
        PanelNode.NumberValue number => number.Number.ToString(CultureInfo.InvariantCulture),
        PanelNode.DateValue { DateOnly: true } day => day.Utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PanelNode.DateValue time => time.Utc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        PanelNode.FlagValue flag => text[flag.Value ? "Yes" : "No"],
        PanelNode.ZoneValue zone => zone.Zone == Application.ThreatLookup.Tip.TipZone.Unknown ? "" : text[zone.LabelKey],
        PanelNode.ObservableValue observable => observable.Observable.Value,
        PanelNode.FieldSet set => string.Join("; ", set.Fields.Select(f => $"{f.Label.In(text)}: {Cell(f.Value, text)}")),
        PanelNode.ItemList list => string.Join("; ", list.Items.Select(i => Cell(i, text))),
        PanelNode.RecordTable nested => string.Join("; ", nested.Rows.Select(r => string.Join(", ", r.Select(c => Cell(c, text))))),
        _ => "",
    };

    private static void Line(StringBuilder csv, IEnumerable<string> cells) =>
        csv.AppendJoin(',', cells.Select(Escaped)).Append("\r\n");

    private static string Escaped(string cell)
    {
        if (cell.Length > 0 && FormulaStarts.Contains(cell[0]))
        {
            cell = "'" + cell;
        }

        return cell.IndexOfAny(NeedQuotes) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
    }
}
