using System.Globalization;
using System.Text.RegularExpressions;
using KumaTip.Web;
using KumaTip.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KumaTip.IntegrationTests.Foundation;

/// <summary>The services' English error messages, as a Russian reader sees them on the pages.</summary>
public sealed partial class ServiceErrorTranslationTests
{
    private static readonly ServiceErrorTranslator Translator = new(new StringLocalizer<ServiceErrorText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)));

    [Theory]
    [InlineData("Threat Lookup is disabled in Settings → Kaspersky Threat Lookup.", "Threat Lookup отключён в разделе Параметры → Kaspersky Threat Lookup.")]
    [InlineData("'evil' is not a URL.", "«evil» — не URL.")]
    [InlineData("TIP API base URL must be between 1 and 5.", "Базовый URL API TIP: значение должно быть от 1 до 5.")]
    [InlineData("All 100 Threat Lookup requests of the licence period ending 2027-01-31 are used. They renew on 2027-02-01 00:00 UTC. Cached data is still available.", "Все 100 запросов Threat Lookup лицензионного периода, который заканчивается 2027-01-31, израсходованы. Они обновятся 2027-02-01 00:00 UTC. Данные из кеша по-прежнему доступны.")]
    [InlineData("The value 'maybe' is not valid for Disabled.", "Значение «maybe» недопустимо для поля Disabled.")]
    [InlineData("The value '2026-13-45T99:99' is not valid for From.", "Значение «2026-13-45T99:99» недопустимо для поля С.")]
    [InlineData("Secret was not found.", "Секрет: не найдено.")]
    [InlineData("Proxy server was not found.", "Прокси-сервер: не найдено.")]
    [InlineData("10.1.2.3: 10.0.0.0/8 is a private network (RFC 1918): Threat Lookup knows nothing useful about it. No request is spent.", "10.1.2.3: 10.0.0.0/8 — частная сеть (RFC 1918): Threat Lookup ничего полезного о них не знает. Запрос не расходуется.")]
    [InlineData("fileserver: 'fileserver' is a single-label name, a host on a local network: Threat Lookup knows nothing useful about it. No request is spent.", "fileserver: «fileserver» — имя из одной метки, узел локальной сети: Threat Lookup ничего полезного о нём не знает. Запрос не расходуется.")]
    public void A_message_is_translated_with_its_values_and_the_known_values_translated_too(string english, string russian)
    {
        using var _ = new UiCulture("ru");

        Assert.Equal(russian, Translator.Translate(english));
    }

    [Fact]
    public void An_unknown_message_stays_english_and_english_readers_read_the_original()
    {
        using (new UiCulture("ru"))
        {
            Assert.Equal("Something nobody wrote a translation for.", Translator.Translate("Something nobody wrote a translation for."));
        }

        using (new UiCulture("en"))
        {
            Assert.Equal("'evil' is not a URL.", Translator.Translate("'evil' is not a URL."));
        }
    }

    /// <summary>
    /// Walks the services' sources for the messages they build (<c>new Error(...)</c>, <c>Error.Invalid(...)</c> and the
    /// like) and fails for any that a Russian reader would read in English: a new message needs its translation.
    /// </summary>
    [Fact]
    public void Every_error_message_written_in_the_services_has_a_russian_translation()
    {
        var untranslated = new List<string>();
        var checkedCount = 0;
        using var _ = new UiCulture("ru");
        foreach (var (file, message) in MessagesInSources())
        {
            checkedCount++;
            if (Translator.Translate(message) == message)
            {
                untranslated.Add($"{Path.GetFileName(file)}: {message}");
            }
        }

        Assert.True(checkedCount > 100, $"only {checkedCount} messages found: the source walk is broken");
        Assert.True(untranslated.Count == 0, "Without a Russian translation in Resources/ServiceErrorText.ru.resx:\n" + string.Join('\n', untranslated));
    }

    [Fact]
    public void Every_translation_uses_only_the_values_its_message_has()
    {
        var resx = Path.Combine(RepositoryRoot(), "src", "KumaTip.Web", "Resources", "ServiceErrorText.ru.resx");
        var entries = System.Xml.Linq.XDocument.Load(resx).Root!.Elements("data")
            .Select(d => (Key: d.Attribute("name")!.Value, Value: d.Element("value")!.Value)).ToList();

        Assert.All(entries, e => Assert.True(
            Placeholders(e.Value).All(Placeholders(e.Key).Contains),
            $"'{e.Value}' uses a value '{e.Key}' does not have"));
    }

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value)];

    private static IEnumerable<(string File, string Message)> MessagesInSources()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains("TipSimulator", StringComparison.Ordinal)))
        {
            var source = File.ReadAllText(file);
            foreach (Match call in ErrorCall().Matches(source))
            {
                var arguments = source[call.Index..Math.Min(source.Length, call.Index + 800)].Split(';')[0];
                foreach (Match literal in StringLiteral().Matches(arguments))
                {
                    var text = literal.Groups["text"].Value.Replace("\\\"", "\"", StringComparison.Ordinal);
                    var interpolated = literal.Groups["dollar"].Success;
                    // A literal with nested interpolation is cut by the simple pattern: its pieces do not balance.
                    if (string.IsNullOrWhiteSpace(text) || !text.Contains(' ', StringComparison.Ordinal) || text.Count(c => c == '{') != text.Count(c => c == '}'))
                    {
                        continue;
                    }

                    yield return (file, interpolated ? Hole().Replace(text, "X") : text);
                }
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KumaTip.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("KumaTip.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"(new Error\(|Error\.Invalid\(|Unusable\(|\bInvalid\(|new\(\s*""[a-z_]+"",)")]
    private static partial Regex ErrorCall();

    [GeneratedRegex(@"(?<dollar>\$)?""(?<text>(?:[^""\\]|\\.)*)""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Hole();

    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo _before = CultureInfo.CurrentUICulture;

        public UiCulture(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentUICulture = _before;
    }
}
