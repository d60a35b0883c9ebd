namespace KumaTip.Application.Common;

/// <summary>What kind of expected failure an <see cref="Error"/> is; the web layer maps it to a status code once.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
    Unavailable,
    TooManyRequests,
}

/// <summary>An expected failure: a stable machine code (for API clients) and a message a person can act on.</summary>
public sealed record Error(string Code, string Message, ErrorKind Kind = ErrorKind.Validation)
{
    /// <summary>Which input field the error is about, when it is about one (forms show it beside the field).</summary>
    public string? Field { get; init; }

    /// <summary>When a refused request may be tried again (a rate limit), when it is known.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>When a spent limit (a licence share, a daily budget) is granted again, when it is known.</summary>
    public DateTimeOffset? RenewsAt { get; init; }

    /// <summary>
    /// The message names the Threat Lookup connection's certificate, proxy server or secret: administrators read it,
    /// anyone else reading a task's failure gets a generic reason instead.
    /// </summary>
    public bool RevealsConfiguration { get; init; }

    public static Error NotFound(string what) => new("not_found", $"{what} was not found.", ErrorKind.NotFound);

    public static Error Invalid(string field, string message) => new("validation_failed", message) { Field = field };
}

public readonly record struct Result
{
    private Result(Error? error) => Error = error;

    public Error? Error { get; }

    public bool Succeeded => Error is null;

    public static Result Ok() => new(null);

    public static implicit operator Result(Error error) => new(error);
}

public readonly record struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    public bool Succeeded => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Error error) => new(default, error);
}
