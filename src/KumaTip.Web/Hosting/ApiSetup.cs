using KumaTip.Web.Api;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;

namespace KumaTip.Web.Hosting;

public static class ApiSetup
{
    public static IServiceCollection AddKumaTipApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Bad JSON must reach ApiExceptionHandler, which answers with a ProblemDetails naming the problem.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new NulRefusingStringConverter());
        });
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "KumaTip API",
                Version = "v1",
                Description = "Everything the KumaTip UI does. Authenticate with a personal access token: POST /api/v1/tokens, then Authorization: Bearer <token>.",
            });
            // A section's data is written as TIP sent it: any JSON value, not the wrapper type that carries it.
            o.MapType<Api.RawJson>(() => new OpenApiSchema { Description = "The data group as TIP answered it (any JSON value)." });
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal access token (ktp_...).",
            });
            o.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("bearer", document)] = [],
            });
        });
        return services;
    }

    public static WebApplication MapKumaTipApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("KumaTip").DisableAntiforgery().DocumentProblems();
        api.MapIdentityEndpoints();
        api.MapTaskEndpoints();
        api.MapLookupEndpoints();
        api.MapEventIngestion();
        api.MapEventEndpoints();
        api.MapIngestionTokenEndpoints();
        api.MapSecretEndpoints();
        api.MapProxyEndpoints();
        api.MapThreatLookupSettingsEndpoints();
        api.MapLicenceEndpoints();
        return app;
    }
}
