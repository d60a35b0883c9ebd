namespace KumaTip.TipSimulator.Hosting;

/// <summary>The <c>{type}</c> and <c>{value}</c> of <c>/api/{type}/{value}</c>, read from the raw request target.</summary>
internal readonly record struct ApiTarget(string? Type, string? Value)
{
    /// <summary>
    /// Kestrel decodes the path but leaves %2F encoded, and routing would split on it anyway; TIP's value is one
    /// percent-encoded segment, so the raw target is split first and the value segment decoded on its own.
    /// </summary>
    /// <returns>The type and decoded value; both null when the path is not of that shape (the value still counts when present).</returns>
    public static ApiTarget Parse(string rawTarget)
    {
        var path = rawTarget;
        if (!path.StartsWith('/') && Uri.TryCreate(path, UriKind.Absolute, out var absolute))
        {
            path = absolute.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
        }

        var query = path.IndexOf('?');
        var segments = (query >= 0 ? path[..query] : path).Split('/');
        if (segments.Length < 4 || segments[0].Length > 0 || segments[1] != "api")
        {
            return default;
        }

        var value = Uri.UnescapeDataString(string.Join('/', segments[3..]));
        return segments.Length == 4 ? new ApiTarget(segments[2], value) : new ApiTarget(null, value);
    }
}
