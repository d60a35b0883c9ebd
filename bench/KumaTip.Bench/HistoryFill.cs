using KumaTip.Application.Demo;
using Npgsql;

namespace KumaTip.Bench;

/// <summary>
/// The stored past, written by raw COPY: the same number of events on each whole UTC day before today, the newest day
/// first, so that the store grows as a deployment's does (each day's partition filled once, at one rate) and today's
/// partition, which a live feed writes, holds only what the benchmark ingests. The fill measures nothing; it only has
/// to be quick: observables are extracted once for a set of template events, which each writer then writes again and
/// again with new timestamps, several writers at a time.
/// </summary>
public sealed class HistoryFill(NpgsqlDataSource dataSource, Guid tenantId, DateTimeOffset today, int eventsPerDay, int days, int writers)
{
    private const int ChunkSize = 10_000;
    private const int TemplatesPerWriter = 10_000;

    private readonly Lock _gate = new();
    private int _day = 1;
    private int _writtenInDay;
    private long _left;
    private long _written;

    /// <summary>How many events each day of the history holds when it is full.</summary>
    public int EventsPerDay => eventsPerDay;

    /// <summary>Writes <paramref name="count"/> more events, going on where the last call stopped.</summary>
    /// <returns>The events written: fewer than asked once every day of the history is full.</returns>
    public async Task<long> WriteAsync(long count)
    {
        (_left, _written) = (count, 0);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            // Each writer has its own templates: writing sets their ids and timestamps.
            var templates = RawCopy.Prepare(new DemoEventGenerator(11 + writer).Generate(TemplatesPerWriter, today, TimeSpan.FromDays(1)), tenantId, today);
            var random = new Random(11 + writer);
            var offset = 0;
            while (NextChunk() is var (day, size) && size > 0)
            {
                var chunk = Enumerable.Range(offset, size).Select(i => templates[i % templates.Count]).ToList();
                offset += size;
                foreach (var (e, rows) in chunk)
                {
                    e.Timestamp = day.AddTicks(random.NextInt64(TimeSpan.TicksPerDay / 10) * 10);
                    rows.ForEach(o => o.Timestamp = e.Timestamp);
                }

                await RawCopy.WriteAsync(dataSource, chunk);
            }
        })));
        return _written;
    }

    /// <summary>The day and size of the next chunk, within one day; a size of 0 when the count or the history is spent.</summary>
    private (DateTimeOffset Day, int Size) NextChunk()
    {
        lock (_gate)
        {
            if (_left <= 0 || _day > days)
            {
                return (today, 0);
            }

            if (_writtenInDay >= eventsPerDay)
            {
                (_day, _writtenInDay) = (_day + 1, 0);
                if (_day > days)
                {
                    return (today, 0);
                }
            }

            var size = (int)Math.Min(Math.Min(_left, ChunkSize), eventsPerDay - _writtenInDay);
            _writtenInDay += size;
            _left -= size;
            _written += size;
            return (today.AddDays(-_day), size);
        }
    }
}
