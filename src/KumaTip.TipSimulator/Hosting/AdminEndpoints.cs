using System.Net;
using System.Text.Json;
using KumaTip.TipSimulator.Faults;

namespace KumaTip.TipSimulator.Hosting;

/// <summary>
/// The control API on the plain-HTTP loopback port: <c>GET /admin/counts</c>, <c>POST /admin/reset</c>,
/// <c>GET /admin/faults</c> and <c>PUT /admin/faults</c> (a <see cref="FaultSettings"/> JSON object).
/// </summary>
internal static class AdminEndpoints
{
    public static async Task HandleAsync(HttpContext context, SimulatorState state)
    {
        if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
        {
            await ApiAnswers.WriteErrorAsync(context, StatusCodes.Status403Forbidden, "The admin API answers loopback clients only.");
            return;
        }

        var request = context.Request;
        switch (request.Method, request.Path.Value)
        {
            case ("GET", "/admin/counts"):
                await ApiAnswers.WriteJsonAsync(context, StatusCodes.Status200OK, new { Total = state.Requests.Total, ByObservable = state.Requests.Snapshot() });
                break;
            case ("POST", "/admin/reset"):
                state.Reset();
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            case ("GET", "/admin/faults"):
                await ApiAnswers.WriteJsonAsync(context, StatusCodes.Status200OK, state.Faults.Current);
                break;
            case ("PUT", "/admin/faults"):
                await PutFaultsAsync(context, state);
                break;
            default:
                await ApiAnswers.WriteErrorAsync(context, StatusCodes.Status404NotFound, "Admin endpoints: GET /admin/counts, POST /admin/reset, GET and PUT /admin/faults.");
                break;
        }
    }

    private static async Task PutFaultsAsync(HttpContext context, SimulatorState state)
    {
        FaultSettings? settings;
        try
        {
            settings = await JsonSerializer.DeserializeAsync<FaultSettings>(context.Request.Body, ApiAnswers.Json, context.RequestAborted);
        }
        catch (JsonException exception)
        {
            await ApiAnswers.WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"The body is not a fault settings object: {exception.Message}");
            return;
        }

        var problem = settings is null ? "The body is empty." : settings.FindProblem();
        if (problem is not null)
        {
            await ApiAnswers.WriteErrorAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        state.Faults.Current = settings!;
        await ApiAnswers.WriteJsonAsync(context, StatusCodes.Status200OK, state.Faults.Current);
    }
}
