namespace KumaTip.Application.Events.Queries;

/// <summary>
/// What a page reads: after <see cref="After"/> oldest first (the newer page), otherwise before <see cref="Before"/>
/// (or from the newest) newest first; <see cref="Size"/> events, read one more to know whether there are more.
/// </summary>
internal readonly record struct PageBounds(EventCursor? After, EventCursor? Before, int Size);
