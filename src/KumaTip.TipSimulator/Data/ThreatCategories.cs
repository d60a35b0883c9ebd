namespace KumaTip.TipSimulator.Data;

/// <summary>Which categories go with which zone, and how often each zone comes up for a derived object.</summary>
internal static class ThreatCategories
{
    private static readonly Dictionary<Zone, string[]> ByZone = new()
    {
        [Zone.Red] = ["CATEGORY_PHISHING", "CATEGORY_MALWARE", "CATEGORY_BOTNET_CNC", "CATEGORY_RANSOMWARE"],
        [Zone.Orange] = ["CATEGORY_COMPROMISED", "CATEGORY_MINER"],
        [Zone.Yellow] = ["CATEGORY_ADWARE", "CATEGORY_RISKWARE"],
        [Zone.Grey] = [],
        [Zone.Green] = ["CATEGORY_INFORMATION_TECHNOLOGIES", "CATEGORY_NEWS_AND_MEDIA", "CATEGORY_SEARCH_ENGINES_AND_SERVICES", "CATEGORY_E_COMMERCE"],
    };

    // Files are not phishing pages or content categories.
    private static readonly string[] RedFiles = ["CATEGORY_MALWARE", "CATEGORY_RANSOMWARE", "CATEGORY_BOTNET_CNC"];

    private static readonly Dictionary<string, Zone> ZoneOfCategory = ByZone
        .SelectMany(pair => pair.Value.Select(category => (category, pair.Key)))
        .ToDictionary(item => item.category, item => item.Key);

    // Out of 100: enough red for a lively demo, mostly harmless as in real traffic.
    private static readonly (Zone Zone, int Weight)[] ZoneWeights =
        [(Zone.Red, 20), (Zone.Orange, 10), (Zone.Yellow, 10), (Zone.Grey, 25), (Zone.Green, 35)];

    public static Zone? ZoneOf(string category) => ZoneOfCategory.TryGetValue(category, out var zone) ? zone : null;

    public static Zone DrawZone(Random random)
    {
        var roll = random.Next(100);
        foreach (var (zone, weight) in ZoneWeights)
        {
            if ((roll -= weight) < 0)
            {
                return zone;
            }
        }

        return Zone.Grey;
    }

    public static Verdict DrawVerdict(Random random, ObservableKind kind)
    {
        var zone = DrawZone(random);
        var pool = kind == ObservableKind.Hash && zone == Zone.Red ? RedFiles : ByZone[zone];
        var count = zone switch
        {
            Zone.Red => random.Next(1, 3),
            Zone.Green when kind != ObservableKind.Hash => random.Next(0, 2),
            Zone.Orange or Zone.Yellow => 1,
            _ => 0,
        };
        return new Verdict(zone, [.. pool.OrderBy(_ => random.Next()).Take(count)]);
    }
}
