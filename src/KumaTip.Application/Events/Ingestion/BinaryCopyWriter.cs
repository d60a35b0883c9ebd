using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace KumaTip.Application.Events.Ingestion;

/// <summary>
/// Writes rows of a <c>COPY ... FROM STDIN (FORMAT BINARY)</c> in PostgreSQL's binary copy format into a pooled
/// buffer, sent to the server whenever it holds <see cref="FlushAt"/> bytes. Npgsql's <c>NpgsqlBinaryImporter</c>
/// resolves a type handler and binds a parameter for every value; for some fifty values per event that was about
/// 15 % of the application's CPU per event ingested (ADR 004), where encoding the few types the event tables use
/// is a handful of stores.
/// </summary>
/// <remarks>
/// The format: a signature, flags and header extension length; per row the column count (int16), then per value its
/// length in bytes (int32, -1 for null) and its bytes, big-endian; an int16 -1 ends the data. See the PostgreSQL
/// manual, "COPY", "Binary Format", and each type's <c>*_send</c> function for the value layouts used here.
/// </remarks>
internal sealed class BinaryCopyWriter : IAsyncDisposable
{
    private const int FlushAt = 64 * 1024;

    /// <summary>2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in .NET ticks.</summary>
    private const long PostgresEpochTicks = 630_822_816_000_000_000;

    // Posted text that is not valid UTF-16 (a lone surrogate) or holds a NUL never gets here: the reader refuses its
    // event (UnstorableText). Should an event built in code hold one, the batch fails as with Npgsql's own encoding,
    // rather than being stored altered.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The signature <c>PGCOPY\n\377\r\n\0</c>, then flags (0) and the header extension's length (0).</summary>
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', 0x0A, 0xFF, 0x0D, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly NpgsqlRawCopyStream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(FlushAt * 2);
    private int _position;
    private bool _completed;

    private BinaryCopyWriter(NpgsqlRawCopyStream stream)
    {
        _stream = stream;
        Header.CopyTo(_buffer);
        _position = Header.Length;
    }

    /// <param name="copyCommand">A <c>COPY table (columns) FROM STDIN (FORMAT BINARY)</c> statement.</param>
    public static async Task<BinaryCopyWriter> BeginAsync(NpgsqlConnection connection, string copyCommand, CancellationToken ct) =>
        new(await connection.BeginRawBinaryCopyAsync(copyCommand, ct));

    public void StartRow(short columns)
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_position), columns);
        _position += 2;
    }

    public void Bigint(long value)
    {
        var span = Value(8);
        BinaryPrimitives.WriteInt64BigEndian(span, value);
    }

    public void Integer(int? value)
    {
        if (value is { } v)
        {
            BinaryPrimitives.WriteInt32BigEndian(Value(4), v);
        }
        else
        {
            Null();
        }
    }

    public void Boolean(bool value) => Value(1)[0] = value ? (byte)1 : (byte)0;

    /// <summary>A <c>uuid</c>: its 16 bytes in RFC 4122 (big-endian) order.</summary>
    public void Uuid(Guid value) => value.TryWriteBytes(Value(16), bigEndian: true, out _);

    /// <summary>A <c>timestamptz</c>: microseconds since 2000-01-01 UTC (sub-microsecond ticks dropped, as Npgsql does).</summary>
    public void Timestamp(DateTimeOffset value) =>
        BinaryPrimitives.WriteInt64BigEndian(Value(8), (value.UtcTicks - PostgresEpochTicks) / 10);

    /// <summary>A <c>text</c> value in UTF-8, or null.</summary>
    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        Reserve(4 + Utf8.GetMaxByteCount(value.Length));
        var length = Utf8.GetBytes(value, _buffer.AsSpan(_position + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_position), length);
        _position += 4 + length;
    }

    public void Null()
    {
        Reserve(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_position), -1);
        _position += 4;
    }

    /// <summary>Sends what the buffer holds once it is worth a write; call between rows.</summary>
    public ValueTask FlushIfFullAsync(CancellationToken ct) =>
        _position >= FlushAt ? FlushAsync(ct) : ValueTask.CompletedTask;

    /// <summary>Ends the data and the COPY; the rows are then written (in the caller's transaction).</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_position), -1);
        _position += 2;
        await FlushAsync(ct);
        _completed = true;
        await _stream.DisposeAsync(); // ends the COPY; the server's error, if any, is thrown here
    }

    /// <summary>Without <see cref="CompleteAsync"/> the COPY is cancelled: nothing of it is written.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            _completed = true;
            await _stream.CancelAsync();
            await _stream.DisposeAsync();
        }

        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private async ValueTask FlushAsync(CancellationToken ct)
    {
        await _stream.WriteAsync(_buffer.AsMemory(0, _position), ct);
        _position = 0;
    }

    /// <summary>Writes a value's length and returns the span for its bytes.</summary>
    private Span<byte> Value(int length)
    {
        Reserve(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_position), length);
        var span = _buffer.AsSpan(_position + 4, length);
        _position += 4 + length;
        return span;
    }

    private void Reserve(int bytes)
    {
        if (_buffer.Length - _position >= bytes)
        {
            return;
        }

        // A row larger than the buffer (a Message of 64K characters can take 192 KB): grow, keep what is unsent.
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _position + bytes));
        _buffer.AsSpan(0, _position).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
