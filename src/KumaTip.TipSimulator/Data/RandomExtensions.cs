namespace KumaTip.TipSimulator.Data;

internal static class RandomExtensions
{
    private const string Alphanumerics = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static string Hex(this Random random, int length)
    {
        Span<byte> bytes = stackalloc byte[(length + 1) / 2];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }

    public static string Token(this Random random, int length) =>
        string.Create(length, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphanumerics[r.Next(Alphanumerics.Length)];
            }
        });

    /// <summary>A UTC instant in whole seconds between the two.</summary>
    public static DateTime DateBetween(this Random random, DateTime from, DateTime to) =>
        to <= from ? from : from.AddSeconds(random.NextInt64((long)(to - from).TotalSeconds));

    /// <summary>First and last sighting on the sample timeline.</summary>
    public static (DateTime First, DateTime Last) SeenRange(this Random random)
    {
        var first = random.DateBetween(SampleTimeline.Earliest, SampleTimeline.Latest.AddDays(-2));
        return (first, random.DateBetween(first, SampleTimeline.Latest));
    }

    /// <summary>Between min and max items (inclusive).</summary>
    public static int Items(this Random random, int min, int max) => random.Next(min, max + 1);
}
