using KumaTip.Application.Caching;
using Microsoft.Extensions.Time.Testing;

namespace KumaTip.UnitTests.Caching;

public sealed class ChangeAwareCacheTests
{
    private readonly ChangeGenerations _generations = new();
    private readonly FakeTimeProvider _time = new();
    private int _reads;

    [Fact]
    public async Task A_copy_is_served_until_its_topic_changes_and_then_read_again()
    {
        var cache = Cache();

        Assert.Equal("value 1", await GetAsync(cache, "k"));
        Assert.Equal("value 1", await GetAsync(cache, "k"));
        _generations.Raise(ChangeTopic.ObservableCache);

        Assert.Equal("value 2", await GetAsync(cache, "k"));
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task A_change_of_another_topic_leaves_the_copy_alone()
    {
        var cache = Cache();
        await GetAsync(cache, "k");

        _generations.Raise(ChangeTopic.Access);

        Assert.Equal("value 1", await GetAsync(cache, "k"));
    }

    [Fact]
    public async Task A_copy_older_than_its_lifetime_is_read_again_even_without_a_change()
    {
        var cache = Cache(lifetimeSeconds: 60);
        await GetAsync(cache, "k");

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("value 1", await GetAsync(cache, "k"));
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("value 2", await GetAsync(cache, "k"));
    }

    [Fact]
    public async Task A_change_saved_while_a_value_is_read_outdates_that_value()
    {
        var cache = Cache();
        // The change lands between the generation check and the end of the read (the old row was read).
        await cache.GetOrLoadAsync("k", 0, (_, _) =>
        {
            _generations.Raise(ChangeTopic.ObservableCache);
            return Task.FromResult<string?>("old");
        }, _ => true, CancellationToken.None);

        Assert.Equal("value 1", await GetAsync(cache, "k"));
    }

    [Fact]
    public async Task Values_the_caller_does_not_keep_are_read_every_time()
    {
        var cache = Cache();

        await cache.GetOrLoadAsync("missing", 0, (_, _) => Task.FromResult<string?>(null), v => v is not null, CancellationToken.None);
        await GetAsync(cache, "missing");

        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task A_full_cache_makes_room_by_dropping_the_least_recently_used_copies_not_all_of_them()
    {
        var cache = Cache(capacity: 100);
        for (var i = 0; i < 100; i++)
        {
            await GetAsync(cache, $"k{i}");
        }

        await GetAsync(cache, "k0"); // the oldest copy, used again: now the most recently used
        await GetAsync(cache, "one too many");
        // Room is made in the background, right after the copy that found the cache full.
        Assert.True(SpinWait.SpinUntil(() => cache.Count < 100, TimeSpan.FromSeconds(10)));

        Assert.InRange(cache.Count, 90, 99);
        var reads = _reads;
        await GetAsync(cache, "k0");
        await GetAsync(cache, "k99");
        Assert.Equal(reads, _reads);
    }

    [Fact]
    public async Task A_lifetime_of_zero_turns_copies_off()
    {
        var cache = Cache(lifetimeSeconds: 0);

        await GetAsync(cache, "k");
        await GetAsync(cache, "k");

        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task A_copy_read_from_several_topics_is_read_again_when_any_of_them_changes()
    {
        var cache = Cache(topics: [ChangeTopic.LicenceCounters, ChangeTopic.LicenceAllocation]);
        await GetAsync(cache, "k");

        _generations.Raise(ChangeTopic.Access);
        Assert.Equal("value 1", await GetAsync(cache, "k"));
        _generations.Raise(ChangeTopic.LicenceAllocation);
        Assert.Equal("value 2", await GetAsync(cache, "k"));
        _generations.Raise(ChangeTopic.LicenceCounters);

        Assert.Equal("value 3", await GetAsync(cache, "k"));
    }

    private ChangeAwareCache<string, string?> Cache(int lifetimeSeconds = 60, int capacity = 100, ChangeTopic[]? topics = null) =>
        new(_generations, topics ?? [ChangeTopic.ObservableCache], new CachingOptions { LifetimeSeconds = lifetimeSeconds, Capacity = capacity }, _time);

    private Task<string?> GetAsync(ChangeAwareCache<string, string?> cache, string key) =>
        cache.GetOrLoadAsync(key, this, (test, _) => Task.FromResult<string?>($"value {++test._reads}"), v => v is not null, CancellationToken.None);
}
