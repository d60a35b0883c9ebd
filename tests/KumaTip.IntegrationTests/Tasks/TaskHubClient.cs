using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using KumaTip.Application.Tasks;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KumaTip.IntegrationTests.Tasks;

/// <summary>
/// What a browser's task-updates.js hears: a connection to the task hub over a WebSocket of the test server, speaking
/// SignalR's JSON protocol (a handshake, then records ending in 0x1E), authenticated with a personal access token.
/// </summary>
public sealed class TaskHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private readonly WebSocket _socket;
    private readonly Channel<TaskChange> _changes = Channel.CreateUnbounded<TaskChange>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TaskHubClient(WebSocket socket)
    {
        _socket = socket;
        _reading = ReadAsync();
    }

    private readonly List<TaskChange> _heard = [];

    public static async Task<TaskHubClient> ConnectAsync<TProgram>(WebApplicationFactory<TProgram> app, HttpClient apiClient)
        where TProgram : class
    {
        var websockets = app.Server.CreateWebSocketClient();
        var token = apiClient.DefaultRequestHeaders.Authorization!.Parameter;
        websockets.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + token;
        var socket = await websockets.ConnectAsync(new Uri("ws://localhost/hubs/tasks"), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);
        var client = new TaskHubClient(socket);
        // The hub says so once the connection is in its tenants' groups: changes from then on are heard.
        await client._listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return client;
    }

    /// <summary>Whether any change of <paramref name="taskId"/> was heard.</summary>
    public bool HeardOf(Guid taskId)
    {
        lock (_heard)
        {
            return _heard.Any(c => c.Id == taskId);
        }
    }

    /// <summary>Waits until a change of <paramref name="taskId"/> in <paramref name="state"/> is heard.</summary>
    public async Task<TaskChange> WaitForAsync(Guid taskId, TaskState state, TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                var change = await _changes.Reader.ReadAsync(timeout.Token);
                if (change.Id == taskId && change.State == state)
                {
                    return change;
                }
            }
        }
        catch (OperationCanceledException)
        {
            lock (_heard)
            {
                throw new TimeoutException($"No {state} of task {taskId} was heard; heard: {string.Join(", ", _heard.Select(c => $"{c.Id} {c.State}"))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (OperationCanceledException)
        {
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new StringBuilder();
        while (_socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult received;
            try
            {
                received = await _socket.ReceiveAsync(buffer, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                break;
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            pending.Append(Encoding.UTF8.GetString(buffer, 0, received.Count));
            var text = pending.ToString();
            var end = text.LastIndexOf(RecordSeparator);
            if (end < 0)
            {
                continue;
            }

            pending.Clear().Append(text[(end + 1)..]);
            foreach (var record in text[..end].Split(RecordSeparator))
            {
                Hear(record);
            }
        }

        _changes.Writer.TryComplete();
        _listening.TrySetException(new InvalidOperationException("The hub closed the connection before it listened."));
    }

    private void Hear(string record)
    {
        using var message = JsonDocument.Parse(record);
        var target = message.RootElement.TryGetProperty("target", out var name) ? name.GetString() : null;
        if (target == "listening")
        {
            _listening.TrySetResult();
        }

        if (target != "tasksChanged")
        {
            return; // the handshake's answer, pings
        }

        foreach (var change in message.RootElement.GetProperty("arguments")[0].Deserialize<List<TaskChange>>(Json)!)
        {
            lock (_heard)
            {
                _heard.Add(change);
            }

            _changes.Writer.TryWrite(change);
        }
    }
}
