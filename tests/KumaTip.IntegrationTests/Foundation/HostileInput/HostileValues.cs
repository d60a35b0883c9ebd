using System.Text;

namespace KumaTip.IntegrationTests.Foundation.HostileInput;

/// <summary>One hostile value: a name for the report and its bytes as they go on the wire.</summary>
/// <param name="Name">Short, for the report (<c>lone surrogate</c>).</param>
/// <param name="Wire">A JSON value as written in the body, or a form value already percent-encoded.</param>
public sealed record HostileValue(string Name, byte[] Wire)
{
    public static HostileValue Text(string name, string wire) => new(name, Encoding.UTF8.GetBytes(wire));

    public override string ToString() => Name;
}

/// <summary>
/// The values an attacker sends instead of what a browser or a well-behaved client would: wrong types, broken text,
/// injections, extremes. Add a value here and every field of every endpoint and form gets it.
/// </summary>
public static class HostileValues
{
    private static readonly string Huge = new('A', 1024 * 1024);

    /// <summary>Values of a JSON field, written raw into the body (so a lone surrogate stays one).</summary>
    public static readonly IReadOnlyList<HostileValue> Json =
    [
        HostileValue.Text("null", "null"),
        HostileValue.Text("empty string", "\"\""),
        HostileValue.Text("number", "42"),
        HostileValue.Text("negative", "-1"),
        HostileValue.Text("int overflow", "2147483648"),
        HostileValue.Text("float", "1.5"),
        HostileValue.Text("huge number", "1e400"),
        HostileValue.Text("boolean", "true"),
        HostileValue.Text("array", "[\"x\", 1]"),
        HostileValue.Text("object", "{\"a\": {\"b\": 1}}"),
        HostileValue.Text("1 MB string", $"\"{Huge}\""),
        HostileValue.Text("NUL", "\"a\\u0000b\""),
        HostileValue.Text("lone surrogate", "\"x\\ud800\""),
        HostileValue.Text("low surrogate first", "\"\\udc00\\ud800\""),
        new("invalid UTF-8", [(byte)'"', 0xC3, 0x28, 0xFF, (byte)'"']),
        HostileValue.Text("RTL override", "\"evil\u202Etxt.exe\""),
        HostileValue.Text("CRLF injection", "\"a\\r\\nSet-Cookie: pwned=1\""),
        HostileValue.Text("script", "\"<script>alert(1)</script>\""),
        HostileValue.Text("SQL", "\"' OR 1=1; DROP TABLE \\\"Tenants\\\"; --\""),
        HostileValue.Text("path traversal", "\"../../../../etc/passwd\""),
        HostileValue.Text("format string", "\"{0}{1}%s%n%x\""),
        HostileValue.Text("invalid GUID", "\"not-a-guid\""),
        HostileValue.Text("empty GUID", "\"00000000-0000-0000-0000-000000000000\""),
        HostileValue.Text("date out of range", "\"9999-12-31T23:59:59+14:00\""),
    ];

    /// <summary>Values of a form field or query parameter, percent-encoded as they go on the wire.</summary>
    public static readonly IReadOnlyList<HostileValue> Form =
    [
        HostileValue.Text("empty", ""),
        HostileValue.Text("NUL", "a%00b"),
        HostileValue.Text("1 MB string", Huge),
        HostileValue.Text("lone surrogate (CESU-8)", "x%ED%A0%80"),
        HostileValue.Text("invalid UTF-8", "%C3%28%FF"),
        HostileValue.Text("RTL override", "evil%E2%80%AEtxt.exe"),
        HostileValue.Text("CRLF injection", "a%0D%0ASet-Cookie:%20pwned=1"),
        HostileValue.Text("script", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
        HostileValue.Text("SQL", "'%20OR%201=1;%20--"),
        HostileValue.Text("path traversal", "..%2F..%2F..%2Fetc%2Fpasswd"),
        HostileValue.Text("format string", "%7B0%7D%25s%25n"),
        HostileValue.Text("negative", "-1"),
        HostileValue.Text("int overflow", "2147483648"),
        HostileValue.Text("float", "1.5"),
        HostileValue.Text("invalid GUID", "not-a-guid"),
        HostileValue.Text("non-boolean", "maybe"),
        HostileValue.Text("two booleans", "on,off"),
    ];

    /// <summary>Values of a path segment, percent-encoded.</summary>
    public static readonly IReadOnlyList<HostileValue> PathSegment =
    [
        HostileValue.Text("invalid GUID", "not-a-guid"),
        HostileValue.Text("unknown GUID", Guid.NewGuid().ToString()),
        // No NUL: the server refuses a path holding one before the app sees it (TestServer even before sending).
        HostileValue.Text("percent-encoded slash", "a%2Fb"),
        HostileValue.Text("path traversal", "..%2F..%2Fswagger"),
        HostileValue.Text("long", new string('9', 4096)),
        HostileValue.Text("int overflow", "99999999999999999999"),
    ];

    /// <summary>Whole bodies of a JSON endpoint that are broken before any field is read.</summary>
    public static readonly IReadOnlyList<(string Name, string? ContentType, byte[] Body)> Bodies =
    [
        ("malformed JSON", "application/json", Encoding.UTF8.GetBytes("{\"name\": ")),
        ("empty body", "application/json", []),
        ("JSON null", "application/json", Encoding.UTF8.GetBytes("null")),
        ("array for an object", "application/json", Encoding.UTF8.GetBytes("[1, 2]")),
        ("deeply nested", "application/json", Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000))),
        ("text/plain", "text/plain", Encoding.UTF8.GetBytes("{}")),
        ("form content type", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("name=x")),
        ("no content type", null, Encoding.UTF8.GetBytes("{}")),
        ("JSON in UTF-16", "application/json; charset=utf-16", Encoding.Unicode.GetBytes("{\"name\": \"x\"}")),
        ("invalid UTF-8 in a key", "application/json", [(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}']),
    ];
}
