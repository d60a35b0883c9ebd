using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace KumaTip.IntegrationTests.Telemetry;

/// <summary>Records what the instruments of one meter factory measure (other tests' meters are not heard).</summary>
public sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public MeasurementRecorder(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)> Measurements { get; } = new();

    public IEnumerable<double> Of(string instrument, string? tag = null, string? value = null) =>
        Measurements.Where(m => m.Instrument == instrument && (tag is null || Equals(m.Tags.GetValueOrDefault(tag), value))).Select(m => m.Value);

    /// <summary>The sum of a counter's increments (with the tag given, if any).</summary>
    public double Total(string instrument, string? tag = null, string? value = null) => Of(instrument, tag, value).Sum();

    /// <summary>What the observable gauges show now (their callbacks run, as in a scrape).</summary>
    public IReadOnlyList<(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)> Observe()
    {
        Measurements.Clear();
        _listener.RecordObservableInstruments();
        return Measurements.ToList();
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        Measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
}
