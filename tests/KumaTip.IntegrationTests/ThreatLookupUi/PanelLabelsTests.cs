using System.Globalization;
using System.Net;
using System.Resources;
using System.Text.Json;
using System.Text.RegularExpressions;
using KumaTip.Application.Identity;
using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Application.ThreatLookup.Tip;
using KumaTip.IntegrationTests.ThreatLookup;
using KumaTip.TipSimulator.Data;
using KumaTip.Web;
using KumaTip.Web.Pages.ThreatLookup.Panel;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.ThreatLookupUi;

/// <summary>
/// Walks every data group of every observable type as the TIP simulator answers it, and reads each panel in both
/// languages: every title and field has a label of its own in English and in Russian, and no raw TIP key shows.
/// </summary>
public abstract partial class PanelLabelsTests<TDb>(LookupApp<TDb> app) : IClassFixture<LookupApp<TDb>>
    where TDb : IDatabaseKind
{
    private static readonly ResourceManager Labels = new("KumaTip.Web.Resources.ThreatLookupText", typeof(ThreatLookupText).Assembly);
    private static readonly ResourceSet English = Labels.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
    private static readonly ResourceSet Russian = Labels.GetResourceSet(CultureInfo.GetCultureInfo("ru"), createIfNotExists: true, tryParents: false)!;

    // One of each exact type TIP looks up; the files are different ones, as a file's hashes share one cache entry.
    private static readonly string[] Observables =
    [
        SimulatorFixtures.PhishingUrl, SimulatorFixtures.PhishingDomain, SimulatorFixtures.CleanIp, "2001:4860:4860::8888",
        SimulatorFixtures.MalwareFile.Md5, SimulatorFixtures.AdwareFile.Sha1, SimulatorFixtures.EicarFile.Sha256,
    ];

    [Fact]
    public async Task Every_field_of_every_data_group_has_a_label_in_both_languages_and_no_raw_TIP_key_shows()
    {
        await app.ConfigureAsync();
        var tenant = await app.CreateTenantAsync();
        var analyst = await app.CreateUserAsync(Roles.Analyst, tenant);
        var api = await app.ApiClientAsync(analyst.UserName, analyst.Password);
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var failures = new List<string>();

        foreach (var value in Observables)
        {
            var observable = ObservableParser.Parse(value).Value!;
            var groups = TipDataGroups.For(observable.Category).Select(g => g.Key).ToList();
            var lookup = await api.PostAsJsonAsync("/api/v1/lookups", new { value, sections = groups, tenantId = tenant });
            Assert.Equal(HttpStatusCode.Accepted, lookup.StatusCode);
            await api.WaitForTaskAsync((await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid());
            var details = await app.AsAdministratorAsync(async sp => (await sp.GetRequiredService<ObservableDetailsReader>().FindAsync(observable, CancellationToken.None)).Value!);
            Assert.All(groups, group => Assert.Contains(details.Sections, s => s.Name == group));
            var panel = ObservablePanelBuilder.Build(details);
            var rawKeys = details.Sections.SelectMany(s => NamesIn(s.Name, JsonDocument.Parse(s.Json).RootElement)).ToHashSet(StringComparer.Ordinal);

            foreach (var label in panel.Sections.Select(s => s.Title).Concat(panel.Sections.SelectMany(s => LabelsIn(s.Content))).DistinctBy(l => l.Keys[0]))
            {
                failures.AddRange(Check(observable, label));
            }

            var address = $"/ThreatLookup/Panel?value={Uri.EscapeDataString(observable.Value)}&type={observable.TipType}&tenantId={tenant}";
            browser.English();
            var english = VisibleLabels(await browser.GetStringAsync(address));
            browser.Russian();
            var russian = VisibleLabels(await browser.GetStringAsync(address));
            browser.English();
            failures.AddRange(english.Where(text => rawKeys.Contains(text) && IsCompound(text)).Select(text => $"{observable.Key}: English shows the raw key '{text}'"));
            failures.AddRange(russian.Where(rawKeys.Contains).Select(text => $"{observable.Key}: Russian shows the raw key '{text}'"));
            failures.AddRange(russian.Where(text => !HasCyrillic().IsMatch(text) && !IsAcronym().IsMatch(text)).Select(text => $"{observable.Key}: Russian shows '{text}'"));
            Assert.True(english.Count > 20, $"{observable.Key}: only {english.Count} labels seen");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Distinct()));
    }

    /// <summary>A label of its own in both languages (not the words of the raw name), and in Russian never the raw name.</summary>
    private static IEnumerable<string> Check(Observable observable, PanelLabel label)
    {
        var isTitle = label.Keys is [var only] && only == label.Fallback;
        var russian = label.Keys.Select(k => Russian.GetString(k)).FirstOrDefault(s => s is not null);
        var english = label.Keys.Select(k => English.GetString(k)).FirstOrDefault(s => s is not null) ?? (isTitle ? label.Name : null);
        if (russian is null)
        {
            yield return $"{observable.Key}: no Russian label for {string.Join(" / ", label.Keys)}";
        }
        else if (russian == label.Name)
        {
            yield return $"{observable.Key}: the Russian label of {label.Name} is the raw key";
        }

        if (english is null)
        {
            yield return $"{observable.Key}: no English label for {string.Join(" / ", label.Keys)}";
        }
        else if (english == label.Name && IsCompound(label.Name))
        {
            yield return $"{observable.Key}: the English label of {label.Name} is the raw key";
        }
    }

    private static IEnumerable<PanelLabel> LabelsIn(PanelNode node) => node switch
    {
        PanelNode.FieldSet set => set.Fields.SelectMany(f => LabelsIn(f.Value).Prepend(f.Label)),
        PanelNode.ItemList list => list.Items.SelectMany(LabelsIn),
        PanelNode.RecordTable table => table.Columns.Concat(table.Rows.SelectMany(r => r.SelectMany(LabelsIn))),
        _ => [],
    };

    private static IEnumerable<string> NamesIn(string name, JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => NamesIn(p.Name, p.Value)).Prepend(name),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(i => NamesIn(name, i)).Prepend(name),
        _ => [name],
    };

    /// <summary>Titles, anchors, field names and column heads as the reader sees them.</summary>
    private static List<string> VisibleLabels(string html) =>
        [.. LabelElement().Matches(html).Select(m => WebUtility.HtmlDecode(Tag().Replace(m.Groups["text"].Value, "")).Trim()).Where(t => t.Length > 0)];

    /// <summary>Two words or more run together (<c>HitsCount</c>, <c>Ipv4Count</c>): never a word a reader would use.</summary>
    private static bool IsCompound(string name) => CompoundName().IsMatch(name);

    [GeneratedRegex("<(?:dt|h2|h1)>(?<text>.*?)(?:<span|</dt>|</h2>|</h1>)|class=\"sort\">(?<text>[^<]*)</button>|<a href=\"#tl-[^\"]*\">(?<text>[^<]*)</a>", RegexOptions.Singleline)]
    private static partial Regex LabelElement();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex("[a-z][A-Z]|[A-Za-z][0-9][A-Za-z]")]
    private static partial Regex CompoundName();

    [GeneratedRegex("\\p{IsCyrillic}")]
    private static partial Regex HasCyrillic();

    // URL, MD5, SHA256, WHOIS...: the same in both languages.
    [GeneratedRegex("^[A-Z0-9][A-Z0-9 -]*$")]
    private static partial Regex IsAcronym();
}

public sealed class PanelLabelsTestsOnSqlite(LookupApp<OnSqlite> app) : PanelLabelsTests<OnSqlite>(app);

public sealed class PanelLabelsTestsOnPostgres(LookupApp<OnPostgres> app) : PanelLabelsTests<OnPostgres>(app);
