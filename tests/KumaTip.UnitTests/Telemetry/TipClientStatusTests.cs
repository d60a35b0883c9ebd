using KumaTip.Application.Common;
using KumaTip.Application.Secrets.Certificates;
using KumaTip.Application.ThreatLookup.Client;
using Microsoft.Extensions.Options;

namespace KumaTip.UnitTests.Telemetry;

public sealed class TipClientStatusTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private readonly TipClientStatus _status = new(new TipHttpClientCache(Options.Create(new TipClientOptions()), new PfxInspector(), TimeProvider.System));

    [Fact]
    public void Keeps_the_last_outcome_with_the_last_request_sent_and_when()
    {
        _status.Record(new TipLookupOutcome.NotFound { Attempts = [new TipAttempt(1, 404, "404", TimeSpan.FromMilliseconds(80))] }, Noon);
        _status.Record(Unavailable(), Noon.AddMinutes(1));

        var last = _status.LastOutcome!;
        Assert.Equal("transient_failure", last.Outcome);
        Assert.Equal(503, last.StatusCode);
        Assert.Equal("503", last.Summary);
        Assert.Equal("TIP did not answer.", last.Error);
        Assert.Equal(Noon.AddMinutes(1), last.At);
        Assert.Equal([("not_found", Noon), ("transient_failure", Noon.AddMinutes(1))], _status.LastTimes());
    }

    [Fact]
    public void A_lookup_refused_before_anything_was_tried_is_timed_but_is_not_the_last_word_on_TIP()
    {
        _status.Record(Unavailable(), Noon);
        _status.Record(new TipLookupOutcome.Refused(new Error("threat_lookup_disabled", "Disabled.")), Noon.AddMinutes(1));

        Assert.Equal("transient_failure", _status.LastOutcome!.Outcome);
        Assert.Contains(("refused", Noon.AddMinutes(1)), _status.LastTimes());
    }

    [Fact]
    public void Before_any_lookup_nothing_is_known_and_no_breaker_exists()
    {
        Assert.Null(_status.LastOutcome);
        Assert.Null(_status.Breaker);
        Assert.Empty(_status.LastTimes());
    }

    private static TipLookupOutcome.TransientFailure Unavailable() =>
        new(new Error("tip_unavailable", "TIP did not answer.", ErrorKind.Unavailable), null) { Attempts = [new TipAttempt(1, 503, "503", TimeSpan.FromSeconds(1))] };
}
