using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.UnitTests.ThreatLookup;

public class TipZonesTests
{
    [Theory]
    [InlineData("Red", TipZone.Red)]
    [InlineData("orange", TipZone.Orange)]
    [InlineData("YELLOW", TipZone.Yellow)]
    [InlineData("Grey", TipZone.Grey)]
    [InlineData("Gray", TipZone.Grey)]
    [InlineData(" gray ", TipZone.Grey)]
    [InlineData("Green", TipZone.Green)]
    [InlineData("Purple", TipZone.Unknown)]
    [InlineData("", TipZone.Unknown)]
    [InlineData(null, TipZone.Unknown)]
    public void Zones_are_read_without_regard_to_case(string? text, TipZone expected)
    {
        Assert.Equal(expected, TipZones.Parse(text));
    }

    [Theory]
    [InlineData(TipZone.Red, TipZoneLevel.High, "red")]
    [InlineData(TipZone.Orange, TipZoneLevel.Medium, "orange")]
    [InlineData(TipZone.Yellow, TipZoneLevel.Low, "yellow")]
    [InlineData(TipZone.Grey, TipZoneLevel.Info, "grey")]
    [InlineData(TipZone.Green, TipZoneLevel.Clean, "green")]
    [InlineData(TipZone.Unknown, TipZoneLevel.Unknown, "none")]
    public void Each_zone_has_its_level_and_colour(TipZone zone, TipZoneLevel level, string colour)
    {
        Assert.Equal(level, zone.Level());
        Assert.Equal(colour, zone.ColourName());
    }

    [Fact]
    public void Levels_order_by_seriousness()
    {
        var zones = new[] { TipZone.Green, TipZone.Red, TipZone.Grey, TipZone.Orange, TipZone.Yellow };

        Assert.Equal(TipZone.Red, zones.MaxBy(z => z.Level()));
        Assert.Equal(TipZone.Green, zones.MinBy(z => z.Level()));
    }
}
