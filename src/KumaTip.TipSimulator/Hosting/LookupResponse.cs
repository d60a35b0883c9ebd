using System.Buffers;
using System.Collections;
using System.Text.Json;
using KumaTip.TipSimulator.Data;

namespace KumaTip.TipSimulator.Hosting;

/// <summary>Shapes a report into TIP's answer: LicenseInfo, Zone, then the sections asked for, lists capped by count.</summary>
internal static class LookupResponse
{
    /// <summary>What TIP returns per list without a count.</summary>
    public const int DefaultCount = 1000;

    private static readonly HashSet<string> NeverCapped = ["DetectionsInfo", "FileParentCertificates"];

    /// <param name="sections">Section names asked for; null for all of them. Unknown names are ignored.</param>
    public static byte[] Compose(ObservableReport report, IReadOnlySet<string>? sections, int? count, object licenseInfo)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("LicenseInfo");
            JsonSerializer.Serialize(writer, licenseInfo, ApiAnswers.Json);
            writer.WriteString("Zone", report.Zone.ToString());
            foreach (var section in report.Sections.Where(section => sections is null || sections.Contains(section.Name)))
            {
                writer.WritePropertyName(section.Name);
                var value = section.Value is IList list && !NeverCapped.Contains(section.Name)
                    ? list.Cast<object>().Take(count ?? DefaultCount).ToList()
                    : section.Value;
                JsonSerializer.Serialize(writer, value, ApiAnswers.Json);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
