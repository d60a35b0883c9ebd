namespace KumaTip.TipSimulator.Data;

/// <summary>Everything TIP holds about one object: its zone and all the sections of its type, in answer order.</summary>
internal sealed record ObservableReport(Zone Zone, IReadOnlyList<ReportSection> Sections);
