using System.Text.Json;
using KumaTip.Application.Events;

namespace KumaTip.Bench;

/// <summary>Writes events as a collector would post them: KUMA field names, Timestamp in epoch milliseconds, the other fields inline.</summary>
public static class EventJson
{
    public static byte[] Batch(IEnumerable<Event> events)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            foreach (var e in events)
            {
                json.WriteStartObject();
                json.WriteNumber("Timestamp", e.Timestamp.ToUnixTimeMilliseconds());
                Text(json, "Name", e.Name);
                Text(json, "DeviceVendor", e.DeviceVendor);
                Text(json, "DeviceProduct", e.DeviceProduct);
                Text(json, "DeviceEventCategory", e.DeviceEventCategory);
                Text(json, "Severity", e.Severity);
                Text(json, "SourceAddress", e.SourceAddress);
                Number(json, "SourcePort", e.SourcePort);
                Text(json, "SourceHostName", e.SourceHostName);
                Text(json, "SourceUserName", e.SourceUserName);
                Text(json, "DestinationAddress", e.DestinationAddress);
                Number(json, "DestinationPort", e.DestinationPort);
                Text(json, "DestinationHostName", e.DestinationHostName);
                Text(json, "RequestUrl", e.RequestUrl);
                Text(json, "FileHash", e.FileHash);
                Text(json, "FileName", e.FileName);
                Text(json, "FilePath", e.FilePath);
                Text(json, "Message", e.Message);
                if (e.Extra is not null)
                {
                    using var extra = JsonDocument.Parse(e.Extra);
                    foreach (var property in extra.RootElement.EnumerateObject())
                    {
                        property.WriteTo(json);
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return stream.ToArray();
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }
}
