using Microsoft.AspNetCore.Mvc;

namespace KumaTip.Web.Api;

/// <summary>
/// Documents the ProblemDetails bodies the API answers failures with, so the OpenAPI document describes error bodies as
/// well as successes: a typed <c>ProblemHttpResult</c> carries no status of its own. 400, 401 and 403 can come from any
/// endpoint; 404 from a route that names a resource by id; 409 from a change to one (stale version, in use, task state).
/// </summary>
public static class ProblemResponses
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    public static RouteGroupBuilder DocumentProblems(this RouteGroupBuilder api)
    {
        api.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        ((IEndpointConventionBuilder)api).Add(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder { RoutePattern.RawText: { } route } || !route.Contains("{id", StringComparison.Ordinal))
            {
                return;
            }

            endpoint.Metadata.Add(Problem(StatusCodes.Status404NotFound));
            if (!endpoint.Metadata.OfType<IHttpMethodMetadata>().Any(m => m.HttpMethods.Contains(HttpMethods.Get)))
            {
                endpoint.Metadata.Add(Problem(StatusCodes.Status409Conflict));
            }
        });
        return api;
    }

    private static ProducesResponseTypeMetadata Problem(int status) => new(status, typeof(ProblemDetails), ProblemJson);
}
