namespace KumaTip.TipSimulator.Hosting;

/// <summary>Counts each user's requests per UTC day, as LicenseInfo.DayRequests reports them.</summary>
internal sealed class DayQuotaLedger(int quota, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (DateOnly Day, int Used)> _used = new(StringComparer.Ordinal);

    public int Quota => quota;

    /// <summary>Counts the request when today's quota allows it.</summary>
    /// <param name="usedToday">Requests counted today, this one included.</param>
    public bool TryConsume(string userName, out int usedToday)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        lock (_lock)
        {
            var used = UsedOn(userName, today);
            if (used >= quota)
            {
                usedToday = used;
                return false;
            }

            _used[userName] = (today, usedToday = used + 1);
            return true;
        }
    }

    public int UsedToday(string userName)
    {
        lock (_lock)
        {
            return UsedOn(userName, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _used.Clear();
        }
    }

    private int UsedOn(string userName, DateOnly day) =>
        _used.TryGetValue(userName, out var entry) && entry.Day == day ? entry.Used : 0;
}
