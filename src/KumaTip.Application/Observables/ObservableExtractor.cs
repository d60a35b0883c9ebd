namespace KumaTip.Application.Observables;

/// <summary>
/// Finds the observables in free text, such as an event's message: URLs (http, https, ftp, also defanged), IPv4 and
/// IPv6 addresses, MD5/SHA1/SHA256 hashes, and domains written defanged (<c>evil[.]com</c>). It runs at ingestion on
/// every event, so it is regex-driven (source-generated, linear patterns) and bounded: only the first
/// <see cref="MaxScannedLength"/> characters are read and at most <see cref="MaxObservables"/> results are returned.
/// </summary>
/// <remarks>
/// A URL is one object: the host, an address or a hash inside it is not reported again on its own. An IPv4 address
/// embedded in an IPv6 one is not reported on its own either. Results come in the order they appear, one per key.
/// </remarks>
public static class ObservableExtractor
{
    public const int MaxScannedLength = 64 * 1024;

    public const int MaxObservables = 256;

    public static IReadOnlyList<Observable> FromText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var truncated = text.Length > MaxScannedLength;
        var scanned = truncated ? text[..MaxScannedLength] : text;
        var scan = new Scan(scanned, truncated);

        scan.Urls();
        scan.Ipv6Addresses();
        scan.Ipv4Addresses();
        scan.Hashes();
        if (HasDefangedDot(scanned))
        {
            scan.DefangedDomains();
        }

        return scan.Results();
    }

    // The name pattern is the costliest one, and only defanged names are kept: most messages can skip it.
    private static bool HasDefangedDot(string text) =>
        text.Contains("[.]", StringComparison.Ordinal) || text.Contains("(.)", StringComparison.Ordinal)
        || text.Contains("{.}", StringComparison.Ordinal) || text.Contains("dot]", StringComparison.OrdinalIgnoreCase)
        || text.Contains("dot)", StringComparison.OrdinalIgnoreCase) || text.Contains("dot}", StringComparison.OrdinalIgnoreCase);

    private sealed class Scan(string text, bool truncated)
    {
        private readonly List<(int Index, Observable Observable)> _found = [];
        private readonly List<(int Start, int End)> _claimed = [];

        public void Urls()
        {
            foreach (var match in ExtractionPatterns.Url().EnumerateMatches(text))
            {
                var length = TrimUrlEnd(text.AsSpan(match.Index, match.Length));
                if (Cut(match.Index, length))
                {
                    continue;
                }

                // Claimed even when invalid (e.g. too long): what is inside a URL is part of it, not an observable of its own.
                Claim(match.Index, length);
                var parsed = UrlParser.Parse(InputCleaning.Refang(text.Substring(match.Index, length)), assumeHttp: false);
                if (parsed.Value is { } url)
                {
                    _found.Add((match.Index, url));
                }
            }
        }

        public void Ipv6Addresses()
        {
            foreach (var match in ExtractionPatterns.Ipv6().EnumerateMatches(text))
            {
                var candidate = text.AsSpan(match.Index, match.Length);
                if (Cut(match.Index, match.Length) || IsClaimed(match.Index, match.Length) || candidate.IndexOfAnyExcept(':') < 0)
                {
                    continue;
                }

                if (Ipv6Parser.Parse(candidate.ToString()).Value is { } address)
                {
                    Claim(match.Index, match.Length);
                    _found.Add((match.Index, address));
                }
            }
        }

        public void Ipv4Addresses()
        {
            foreach (var match in ExtractionPatterns.Ipv4().EnumerateMatches(text))
            {
                if (Cut(match.Index, match.Length) || IsClaimed(match.Index, match.Length))
                {
                    continue;
                }

                var parsed = Ipv4Parser.ParseAddress(InputCleaning.Refang(text.Substring(match.Index, match.Length)), "");
                if (parsed.Succeeded && !IsNetworkRange(parsed.Value, match.Index + match.Length))
                {
                    _found.Add((match.Index, Ipv4Parser.Build(parsed.Value)));
                }
            }
        }

        public void Hashes()
        {
            foreach (var match in ExtractionPatterns.HexRun().EnumerateMatches(text))
            {
                if (match.Length is not (32 or 40 or 64) || Cut(match.Index, match.Length) || IsClaimed(match.Index, match.Length))
                {
                    continue;
                }

                if (HashParser.Parse(text.Substring(match.Index, match.Length)).Value is { } hash)
                {
                    _found.Add((match.Index, hash));
                }
            }
        }

        public void DefangedDomains()
        {
            foreach (var match in ExtractionPatterns.DottedName().EnumerateMatches(text))
            {
                var candidate = text.AsSpan(match.Index, match.Length);
                if (candidate.IndexOfAny("[({") < 0 || Cut(match.Index, match.Length) || IsClaimed(match.Index, match.Length))
                {
                    continue;
                }

                if (DomainParser.Parse(InputCleaning.Refang(candidate.ToString())).Value is { } domain)
                {
                    _found.Add((match.Index, domain));
                }
            }
        }

        public IReadOnlyList<Observable> Results()
        {
            _found.Sort(static (a, b) => a.Index.CompareTo(b.Index));
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var results = new List<Observable>();
            foreach (var (_, observable) in _found)
            {
                if (keys.Add(observable.Key))
                {
                    results.Add(observable);
                    if (results.Count == MaxObservables)
                    {
                        break;
                    }
                }
            }

            return results;
        }

        /// <summary>
        /// "10.0.0.0/8" is a network, but "1.2.3.4/53" is an address and port as firewalls log them: a "/n" after
        /// the address is read as a prefix length only when n is at most 32 and the address has no host bits.
        /// </summary>
        private bool IsNetworkRange(uint address, int end)
        {
            var rest = text.AsSpan(end);
            if (rest.Length < 2 || rest[0] != '/')
            {
                return false;
            }

            var digits = rest[1..].IndexOfAnyExceptInRange('0', '9');
            var number = digits < 0 ? rest[1..] : rest[1..(digits + 1)];
            if (number.Length is 0 or > 2 || !int.TryParse(number, out var prefix) || prefix > 32)
            {
                return false;
            }

            var hostBits = prefix == 0 ? uint.MaxValue : ~(uint.MaxValue << (32 - prefix));
            return prefix < 32 && (address & hostBits) == 0;
        }

        // A candidate that runs into the end of a truncated text may be the first half of a longer value.
        private bool Cut(int index, int length) => truncated && index + length >= text.Length;

        // Claimed spans never overlap (a span is claimed only where none was), so keeping them sorted by start
        // lets a binary search answer "does anything claimed overlap?" even for a message full of URLs.
        private void Claim(int index, int length) => _claimed.Insert(FirstEndingAfter(index), (index, index + length));

        private bool IsClaimed(int index, int length)
        {
            var next = FirstEndingAfter(index);
            return next < _claimed.Count && _claimed[next].Start < index + length;
        }

        private int FirstEndingAfter(int index)
        {
            int low = 0, high = _claimed.Count;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (_claimed[middle].End <= index)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }

        /// <summary>Drops what ends a sentence or closes a bracket opened before the URL: "(see http://x/a)." → "http://x/a".</summary>
        private static int TrimUrlEnd(ReadOnlySpan<char> url)
        {
            // Counted once: recounting per trimmed character would be quadratic on "http://x/))))...".
            Span<int> unmatched = [Unmatched(url, '(', ')'), Unmatched(url, '[', ']'), Unmatched(url, '{', '}')];
            var length = url.Length;
            while (length > 0)
            {
                var pair = url[length - 1] switch { ')' => 0, ']' => 1, '}' => 2, _ => -1 };
                if (pair >= 0 && unmatched[pair] > 0)
                {
                    unmatched[pair]--;
                }
                else if (pair >= 0 || !".,;:!?*".Contains(url[length - 1]))
                {
                    break;
                }

                length--;
            }

            return length;
        }

        private static int Unmatched(ReadOnlySpan<char> url, char open, char close) => url.Count(close) - url.Count(open);
    }
}
