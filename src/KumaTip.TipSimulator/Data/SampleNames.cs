namespace KumaTip.TipSimulator.Data;

/// <summary>Random but well-formed observables for related-object lists.</summary>
internal static class SampleNames
{
    public static string Domain(Random random) =>
        $"{random.Pick(Vocabulary.Words)}{random.Pick(Vocabulary.Words)}{(random.Chance(0.3) ? random.Next(2, 99).ToString() : "")}.{random.Pick(Vocabulary.TopLevelDomains)}";

    public static string Url(Random random, string host) =>
        $"{(random.Chance(0.6) ? "http" : "https")}://{host}/{random.Pick(Vocabulary.UrlPaths).Replace("{token}", random.Token(random.Next(6, 15)))}";

    public static string Ipv4(Random random) =>
        $"{random.Pick(Vocabulary.PublicFirstOctets)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";

    public static string Md5(Random random) => random.Hex(32);

    public static string Detection(Random random, IReadOnlyList<string> names) =>
        random.Pick(names).Replace("{v}", new string([.. Enumerable.Range(0, random.Next(2, 5)).Select(_ => (char)('a' + random.Next(26)))]));

    public static string Organization(string domain, Random random)
    {
        var label = domain.Split('.')[0];
        return $"{char.ToUpperInvariant(label[0])}{label[1..]} {random.Pick(Vocabulary.OrganizationSuffixes)}";
    }
}
