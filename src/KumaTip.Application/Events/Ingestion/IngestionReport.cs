namespace KumaTip.Application.Events.Ingestion;

/// <summary>What happened to a batch: how many events were stored, and every event refused, by its index in the batch.</summary>
public sealed record IngestionReport(int Accepted, IReadOnlyList<RejectedEvent> Rejected);

/// <param name="Index">The zero-based position of the event in the posted array.</param>
public sealed record RejectedEvent(int Index, IReadOnlyList<string> Errors);
