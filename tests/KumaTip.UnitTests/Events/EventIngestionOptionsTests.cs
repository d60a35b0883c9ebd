using System.ComponentModel.DataAnnotations;
using System.Globalization;
using KumaTip.Application.Events.Ingestion;

namespace KumaTip.UnitTests.Events;

public sealed class EventIngestionOptionsTests
{
    [Fact]
    public void The_clock_skew_limit_the_events_list_relies_on_is_the_largest_skew_the_setting_accepts()
    {
        // The list does not read beyond now + MaxClockSkewLimit (EventQueries.TimeSlices): a setting allowing more
        // would store events it never shows.
        var range = typeof(EventIngestionOptions).GetProperty(nameof(EventIngestionOptions.MaxClockSkew))!
            .GetCustomAttributes(typeof(RangeAttribute), inherit: false).Cast<RangeAttribute>().Single();

        Assert.Equal(EventIngestionOptions.MaxClockSkewLimit, TimeSpan.Parse((string)range.Maximum, CultureInfo.InvariantCulture));
    }
}
