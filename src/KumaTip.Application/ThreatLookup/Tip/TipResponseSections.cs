using System.Text;
using System.Text.Json;

namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary>Splits an answer into per-section raw JSON and joins such pieces back into one answer.</summary>
public static class TipResponseSections
{
    /// <summary>Section name → the section's raw JSON text (an object, an array, a string for <c>Zone</c>, or <c>null</c>).</summary>
    public static IReadOnlyDictionary<string, string> Split(TipResponse response)
    {
        var pieces = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in response.Sections)
        {
            pieces[name] = value.GetRawText();
        }

        return pieces;
    }

    /// <summary>
    /// One JSON object holding the given sections, ready for <see cref="TipResponseParser.Parse"/>; for showing
    /// data groups obtained at different times as one answer. A piece that is not valid JSON is a bug upstream and throws.
    /// </summary>
    public static string Join(IEnumerable<KeyValuePair<string, string>> sections)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, rawJson) in sections)
            {
                if (written.Add(name))
                {
                    writer.WritePropertyName(name);
                    writer.WriteRawValue(rawJson);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
