using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace KumaTip.Web.TaskUpdates;

/// <summary>
/// Pushes task changes to the browser: the task manager, the progress of a lookup and the counter beside "Task
/// manager" (wwwroot/js/task-updates.js). A connection joins the groups of the tenants its user may see
/// (<see cref="TaskListeners"/>), so a change reaches only those who may see that task. Browsers only listen.
/// </summary>
[Authorize]
public sealed class TaskHub(TaskListeners listeners) : Hub
{
    public const string Path = "/hubs/tasks";

    /// <summary>The message: the <see cref="Application.Tasks.TaskChange"/>s of one push, for the receiver's tenants.</summary>
    public const string TasksChanged = "tasksChanged";

    /// <summary>To the caller once its connection is in its groups: from then on it hears every change, so it reads once what it shows.</summary>
    public const string Listening = "listening";

    public override async Task OnConnectedAsync()
    {
        if (await listeners.AddAsync(Context, Context.ConnectionAborted))
        {
            await Clients.Caller.SendAsync(Listening, Context.ConnectionAborted);
        }
        else
        {
            Context.Abort();
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        listeners.Remove(Context.ConnectionId);
        return Task.CompletedTask;
    }
}
