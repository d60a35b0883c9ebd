namespace KumaTip.Bench;

/// <summary>
/// bench/README.md holds a hand-written introduction and one generated section per benchmark, between
/// <c>&lt;!-- name:begin --&gt;</c> and <c>&lt;!-- name:end --&gt;</c>: a run replaces its own section only.
/// </summary>
public static class BenchReadme
{
    public static string FilePath => Path.Combine(BenchApp.RepositoryRoot(), "bench", "README.md");

    public static async Task WriteSectionAsync(string name, string markdown)
    {
        var text = File.Exists(FilePath) ? await File.ReadAllTextAsync(FilePath) : "# KumaTip benchmarks\n";
        await File.WriteAllTextAsync(FilePath, ReplaceSection(text, name, markdown));
    }

    /// <summary>The text with the section's content replaced, or the section appended when it is not there yet.</summary>
    public static string ReplaceSection(string text, string name, string markdown)
    {
        var begin = $"<!-- {name}:begin -->";
        var end = $"<!-- {name}:end -->";
        var section = $"{begin}\n{markdown.TrimEnd()}\n{end}";
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        var stop = start < 0 ? -1 : text.IndexOf(end, start, StringComparison.Ordinal);
        return start >= 0 && stop >= 0
            ? string.Concat(text.AsSpan(0, start), section, text.AsSpan(stop + end.Length))
            : text.TrimEnd() + "\n\n" + section + "\n";
    }
}
