using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KumaTip.IntegrationTests.Foundation.HostileInput;

/// <summary>Who sends a hostile request: the API with an administrator's token, a signed-in or an anonymous browser.</summary>
public enum Caller
{
    Api,
    Browser,
    AnonymousBrowser,
}

/// <summary>
/// One hostile request. <see cref="Build"/> makes the message when it is sent (the antiforgery token of the caller's
/// session is known only then). For a form, <see cref="Caller"/> is a browser and a refusal is a re-shown page.
/// </summary>
public sealed record HostileRequest(string Endpoint, string Input, Caller Caller, Func<HostileSeed, string, HttpRequestMessage> Build)
{
    public override string ToString() => $"{Endpoint} [{Input}]";
}

/// <summary>What the suite creates before it attacks: ids the paths name, and the secret values nothing may echo.</summary>
public sealed class HostileSeed
{
    /// <summary>Ids by the names the catalogue's paths use in braces: <c>{tenant}</c>, <c>{secret}</c>, …</summary>
    public required IReadOnlyDictionary<string, string> Ids { get; init; }

    /// <summary>Secret values (passwords, tokens) that no answer may contain, by what they are.</summary>
    public required IReadOnlyDictionary<string, string> Secrets { get; init; }

    /// <summary>The path with every <c>{name}</c> replaced by its seeded id.</summary>
    public string Resolve(string path)
    {
        foreach (var (name, id) in Ids)
        {
            path = path.Replace("{" + name + "}", id, StringComparison.Ordinal);
        }

        return path;
    }
}

/// <summary>An endpoint of /api/v1 as the catalogue attacks it: a valid call, whose parts are then replaced one by one.</summary>
/// <param name="Operation">As the OpenAPI document names it: <c>PUT /api/v1/tenants/{id}</c>.</param>
/// <param name="Path">The path to call, with seeded ids in braces (<c>/api/v1/tenants/{tenant}</c>).</param>
/// <param name="Body">A valid JSON body (or the valid fields of a multipart form), or null for none.</param>
/// <param name="Multipart">The body goes as multipart/form-data (with a PFX file as part <c>pfx</c>).</param>
/// <param name="Caller">Anonymous endpoints are attacked without the token.</param>
public sealed record ApiOperation(string Operation, string Path, Func<HostileSeed, JsonObject>? Body = null, bool Multipart = false, Caller Caller = Caller.Api)
{
    /// <summary>Why an operation is listed but not attacked; null when it is.</summary>
    public string? LeftOut { get; init; }
}

/// <summary>A form of a page (or a GET filter form) and the valid fields it posts; each field is then replaced by hostile values.</summary>
/// <param name="Name">For the report: <c>Settings → Threat Lookup</c>.</param>
/// <param name="Url">Where it posts (with seeded ids in braces and the handler in the query).</param>
/// <param name="Fields">Valid values, percent-encoded, by the field name the browser posts.</param>
/// <param name="Multipart">Posted as multipart/form-data; <paramref name="FileField"/> names its upload.</param>
/// <param name="Get">A filter form whose fields go in the query string.</param>
public sealed record FormCatalogueEntry(
    string Name, string Url, Func<HostileSeed, Dictionary<string, string>> Fields, Caller Caller = Caller.Browser,
    bool Multipart = false, string? FileField = null, bool Get = false);

/// <summary>Turns the catalogue into hostile requests: every field of every endpoint and form gets every hostile value.</summary>
public static class HostileCatalogue
{
    private const string Placeholder = "\"__HOSTILE__\"";

    public static IReadOnlyList<ApiOperation> Api { get; } =
    [
        new("POST /api/v1/tokens", "/api/v1/tokens", s => new() { ["userName"] = s.Ids["signInUser"], ["password"] = "wrong-password", ["name"] = "hostile", ["expiresInDays"] = 30 }, Caller: Caller.AnonymousBrowser),
        new("GET /api/v1/tokens", "/api/v1/tokens"),
        new("DELETE /api/v1/tokens/{id}", "/api/v1/tokens/{unknown}"),
        new("GET /api/v1/me", "/api/v1/me"),
        new("GET /api/v1/tenants", "/api/v1/tenants"),
        new("GET /api/v1/tenants/{id}", "/api/v1/tenants/{tenant}"),
        new("POST /api/v1/tenants", "/api/v1/tenants", _ => new() { ["name"] = "Hostile " + Guid.NewGuid().ToString("N")[..8], ["description"] = "d" }),
        new("PUT /api/v1/tenants/{id}", "/api/v1/tenants/{tenant}", _ => new() { ["name"] = "Hostile target " + Guid.NewGuid().ToString("N")[..8], ["description"] = "d" }),
        new("GET /api/v1/users", "/api/v1/users"),
        new("GET /api/v1/users/{id}", "/api/v1/users/{analyst}"),
        new("POST /api/v1/users", "/api/v1/users", s => new()
        {
            ["userName"] = "hostile-" + Guid.NewGuid().ToString("N")[..8],
            ["email"] = "a@example.com",
            ["role"] = "Analyst",
            ["tenantIds"] = new JsonArray(s.Ids["tenant"]),
            ["password"] = "Hostile-Pass-2026!",
        }),
        new("PUT /api/v1/users/{id}", "/api/v1/users/{analyst}", s => new() { ["userName"] = s.Ids["analystName"], ["role"] = "Analyst", ["tenantIds"] = new JsonArray(s.Ids["tenant"]) }),
        new("POST /api/v1/users/{id}/disabled", "/api/v1/users/{analyst}/disabled", _ => new() { ["disabled"] = false }),
        new("POST /api/v1/users/{id}/password", "/api/v1/users/{analyst}/password", _ => new() { ["password"] = "Hostile-Pass-2026!" }),
        new("GET /api/v1/secrets", "/api/v1/secrets"),
        new("GET /api/v1/secrets/{id}", "/api/v1/secrets/{secret}"),
        new("DELETE /api/v1/secrets/{id}", "/api/v1/secrets/{unknown}"),
        new("POST /api/v1/secrets", "/api/v1/secrets", SecretFields, Multipart: true),
        new("PUT /api/v1/secrets/{id}", "/api/v1/secrets/{secret}", SecretFields, Multipart: true),
        new("GET /api/v1/proxies", "/api/v1/proxies"),
        new("GET /api/v1/proxies/{id}", "/api/v1/proxies/{proxy}"),
        new("DELETE /api/v1/proxies/{id}", "/api/v1/proxies/{unknown}"),
        new("POST /api/v1/proxies", "/api/v1/proxies", ProxyFields),
        new("PUT /api/v1/proxies/{id}", "/api/v1/proxies/{proxy}", ProxyFields),
        new("GET /api/v1/ingestion-tokens", "/api/v1/ingestion-tokens"),
        new("POST /api/v1/ingestion-tokens", "/api/v1/ingestion-tokens", s => new() { ["tenantId"] = s.Ids["tenant"], ["name"] = "hostile" }),
        new("DELETE /api/v1/ingestion-tokens/{id}", "/api/v1/ingestion-tokens/{unknown}"),
        new("GET /api/v1/events", "/api/v1/events"),
        new("GET /api/v1/events/{id}", "/api/v1/events/{event}"),
        new("POST /api/v1/events", "/api/v1/events?tenant={tenant}")
        {
            LeftOut = "attacked item by item in mixed batches, and with whole hostile bodies (A_batch_of_events_stores_exactly_its_good_items…)",
        },
        new("POST /api/v1/lookups", "/api/v1/lookups", s => new() { ["value"] = "hostile.example.com", ["type"] = "domain", ["sections"] = new JsonArray("DomainGeneralInfo"), ["tenantId"] = s.Ids["tenant"], ["refresh"] = false }),
        new("GET /api/v1/lookups/cost", "/api/v1/lookups/cost?value=example.com"),
        new("POST /api/v1/lookups/bulk", "/api/v1/lookups/bulk", s => new() { ["values"] = new JsonArray("hostile.example.com", "1.2.3[.]4"), ["tenantId"] = s.Ids["tenant"], ["skipInvalid"] = false, ["checkOnly"] = true }),
        new("GET /api/v1/lookups/usage", "/api/v1/lookups/usage"),
        new("GET /api/v1/tasks/unseen", "/api/v1/tasks/unseen"),
        new("GET /api/v1/settings/licence-allocation", "/api/v1/settings/licence-allocation"),
        new("PUT /api/v1/settings/licence-allocation", "/api/v1/settings/licence-allocation", _ => new() { ["userDailyBudget"] = 1000, ["shares"] = new JsonArray() }),
        new("GET /api/v1/observables/{type}/{value}", "/api/v1/observables/{observableType}/example.com"),
        new("GET /api/v1/tasks", "/api/v1/tasks"),
        new("GET /api/v1/tasks/{id}", "/api/v1/tasks/{task}"),
        new("GET /api/v1/tasks/{id}/result", "/api/v1/tasks/{task}/result"),
        new("POST /api/v1/tasks/{id}/restart", "/api/v1/tasks/{unknown}/restart"),
        new("POST /api/v1/tasks/{id}/cancel", "/api/v1/tasks/{unknown}/cancel"),
        new("GET /api/v1/settings/threat-lookup/quota", "/api/v1/settings/threat-lookup/quota"),
        new("GET /api/v1/settings/threat-lookup", "/api/v1/settings/threat-lookup"),
        new("PUT /api/v1/settings/threat-lookup", "/api/v1/settings/threat-lookup", s => new() { ["disabled"] = false, ["secretId"] = s.Ids["secret"], ["baseUrl"] = "https://tip.kaspersky.com", ["licenceQuota"] = 1000 }),
        new("POST /api/v1/settings/threat-lookup/test", "/api/v1/settings/threat-lookup/test")
        {
            LeftOut = "takes no input, and each call would send a request to TIP",
        },
    ];

    public static IReadOnlyList<FormCatalogueEntry> Forms { get; } =
    [
        new("Sign-in", "/Account/Login", s => new() { ["UserName"] = s.Ids["signInUser"], ["Password"] = "wrong-password", ["ReturnUrl"] = "%2FEvents" }, Caller.AnonymousBrowser),
        new("Language switch", "/culture", _ => new() { ["culture"] = "ru", ["returnUrl"] = "%2FEvents" }, Caller.AnonymousBrowser),
        new("Profile: create token", "/Profile?handler=Create", _ => new() { ["TokenName"] = "hostile", ["ExpiresInDays"] = "30" }),
        new("Profile: revoke token", "/Profile?handler=Revoke", s => new() { ["tokenId"] = s.Ids["unknown"] }),
        new("Users: create", "/Admin/Users/Edit", s => new()
        {
            ["Input.UserName"] = "hostile-" + Guid.NewGuid().ToString("N")[..8],
            ["Input.Email"] = "a%40example.com",
            ["Input.Role"] = "Analyst",
            ["Input.TenantIds"] = s.Ids["tenant"],
            ["Input.Password"] = "Hostile-Pass-2026!",
        }),
        new("Users: edit", "/Admin/Users/Edit?id={analyst}", s => new() { ["Input.UserName"] = s.Ids["analystName"], ["Input.Role"] = "Analyst", ["Input.TenantIds"] = s.Ids["tenant"] }),
        new("Users: reset password", "/Admin/Users/Edit?id={analyst}&handler=ResetPassword", _ => new() { ["NewPassword"] = "Hostile-Pass-2026!" }),
        new("Users: disable", "/Admin/Users/Edit?id={analyst}&handler=Disable", _ => new() { ["disabled"] = "false" }),
        new("Tenants: create", "/Admin/Tenants", _ => new() { ["Input.Name"] = "Hostile " + Guid.NewGuid().ToString("N")[..8], ["Input.Description"] = "d", ["Input.RetentionDays"] = "30" }),
        new("Secrets: create", "/Resources/Secrets/Edit", s => SecretFormFields(s), Multipart: true, FileField: "Input.Pfx"),
        new("Secrets: edit", "/Resources/Secrets/Edit?id={secret}", s => SecretFormFields(s), Multipart: true, FileField: "Input.Pfx"),
        new("Secrets: delete", "/Resources/Secrets/Edit?id={unknown}&handler=Delete", _ => new()),
        new("Proxies: create", "/Resources/Proxies/Edit", ProxyFormFields),
        new("Proxies: edit", "/Resources/Proxies/Edit?id={proxy}", ProxyFormFields),
        new("Ingestion tokens: create", "/Resources/IngestionTokens?handler=Create", s => new() { ["TenantId"] = s.Ids["tenant"], ["Name"] = "hostile" }),
        new("Ingestion tokens: revoke", "/Resources/IngestionTokens?handler=Revoke", s => new() { ["tokenId"] = s.Ids["unknown"] }),
        new("Settings → Threat Lookup", "/Settings/ThreatLookup", s => new()
        {
            ["Input.Disabled"] = "false",
            ["Input.BaseUrl"] = "https%3A%2F%2Ftip.kaspersky.com",
            ["Input.PortalUrl"] = "https%3A%2F%2Ftip.kaspersky.com",
            ["Input.RemoveExtraCa"] = "false",
            ["Input.LicenceQuota"] = "1000",
            ["Input.LicencePeriodEnd"] = "2027-12-31",
            ["Input.CacheFreshnessDays"] = "7",
            ["Input.NotFoundFreshnessHours"] = "24",
            ["Input.MaxParallelRequests"] = "4",
            ["Input.RequestTimeoutSeconds"] = "30",
            ["Input.SecretId"] = s.Ids["secret"],
            ["Input.SecretPassword"] = "",
            ["Input.ProxyId"] = "",
            ["Input.Version"] = "",
        }, Multipart: true, FileField: "ExtraCa"),
        new("Lookup: enrichment window", "/ThreatLookup", s => new() { ["Value"] = "hostile.example.com", ["Type"] = "domain", ["TenantId"] = s.Ids["tenant"], ["Sections"] = "DomainGeneralInfo" }),
        new("Lookup: refresh data", "/ThreatLookup/Details?handler=Refresh", s => new() { ["Value"] = "example.com", ["Type"] = "domain", ["TenantId"] = s.Ids["tenant"], ["Sections"] = "DomainGeneralInfo" }),
        new("Tasks: cancel", "/Tasks?handler=Cancel", s => new() { ["id"] = s.Ids["task"] }),
        new("Tasks: restart", "/Tasks?handler=Restart", s => new() { ["id"] = s.Ids["unknown"] }),
        new("Tenant selection", "/TenantSelection", s => new() { ["tenantIds"] = s.Ids["tenant"], ["returnUrl"] = "%2FEvents" }),
        new("Events: filters", "/Events", _ => new() { ["From"] = "2026-01-01T00:00", ["To"] = "2027-01-01T00:00", ["Text"] = "x", ["Observable"] = "example.com", ["Zone"] = "Red", ["Before"] = "", ["After"] = "" }, Get: true),
        new("Event information", "/Events/{event}", _ => new(), Get: true),
        new("Tasks: filters", "/Tasks", _ => new() { ["Mine"] = "true", ["Status"] = "Completed" }, Get: true),
        new("Audit: filters", "/Admin/Audit", _ => new() { ["user"] = "admin", ["object"] = "x", ["From"] = "2026-01-01", ["To"] = "2027-01-01" }, Get: true),
        new("Lookup: window (GET)", "/ThreatLookup", s => new() { ["Value"] = "example.com", ["Type"] = "domain", ["TenantId"] = s.Ids["tenant"], ["Choose"] = "true" }, Get: true),
        new("Lookup: details panel", "/ThreatLookup/Panel", s => new() { ["value"] = "example.com", ["type"] = "domain", ["tenantId"] = s.Ids["tenant"] }, Get: true),
        new("Lookup: panel export", "/ThreatLookup/Panel/Export", _ => new() { ["value"] = "example.com", ["type"] = "domain", ["section"] = "general" }, Get: true),
        new("Lookup: enrichment window in the events' dialog", "/ThreatLookup", s => new() { ["Value"] = "hostile.example.com", ["Type"] = "domain", ["TenantId"] = s.Ids["tenant"], ["Sections"] = "DomainGeneralInfo", ["Fragment"] = "true" }),
        new("Lookup: Show info beside the events (GET)", "/ThreatLookup", s => new() { ["Value"] = "example.com", ["Type"] = "domain", ["TenantId"] = s.Ids["tenant"], ["Fragment"] = "true" }, Get: true),
        new("Lookup: Show info's own address (GET)", "/ThreatLookup/Panel", s => new() { ["value"] = "example.com", ["type"] = "domain", ["tenantId"] = s.Ids["tenant"], ["showInfo"] = "true" }, Get: true),
        new("Lookup: window Details (GET)", "/ThreatLookup/Summary", s => new() { ["Value"] = "example.com", ["Type"] = "domain", ["TenantId"] = s.Ids["tenant"], ["Fragment"] = "true" }, Get: true),
        new("Lookup: progress in the details area (GET)", "/ThreatLookup/Progress/{task}", _ => new() { ["fragment"] = "true", ["waitSeconds"] = "0" }, Get: true),
        new("Lookup: header search (GET)", "/ThreatLookup/Search", _ => new() { ["value"] = "hxxp://example[.]com/a" }, Get: true),
        new("Event information in the details area (GET)", "/Events/{event}", _ => new() { ["fragment"] = "true" }, Get: true),
        new("Secrets: list", "/Resources/Secrets", s => new() { ["tenantId"] = s.Ids["tenant"] }, Get: true),
    ];

    /// <summary>Every hostile request of the API catalogue, with the query parameters and body fields the OpenAPI document names.</summary>
    public static IEnumerable<HostileRequest> ApiRequests(JsonElement openApi)
    {
        foreach (var operation in Api.Where(o => o.LeftOut is null))
        {
            var (method, template) = Split(operation.Operation);
            var described = openApi.GetProperty("paths").GetProperty(template).GetProperty(method.Method.ToLowerInvariant());
            var endpoint = operation.Operation;

            // Path: the first id replaced.
            if (operation.Path.IndexOf('{') is var brace and >= 0)
            {
                foreach (var value in HostileValues.PathSegment)
                {
                    yield return new(endpoint, "path " + value.Name, operation.Caller, (s, _) =>
                    {
                        var end = operation.Path.IndexOf('}', brace);
                        var path = s.Resolve(operation.Path[..brace] + Encoding.UTF8.GetString(value.Wire) + operation.Path[(end + 1)..]);
                        return Message(method, path, operation.Body is null ? null : JsonBody(operation.Body(s)));
                    });
                }
            }

            // Parameters nobody asked for, broken on purpose: every operation gets these, parameters or not.
            yield return new(endpoint, "junk query", operation.Caller, (s, _) =>
            {
                var path = s.Resolve(operation.Path);
                return Message(method, path + (path.Contains('?') ? '&' : '?') + "x=%00&y[]=%ED%A0%80&%=%&__proto__=1", operation.Body is null ? null : JsonBody(operation.Body(s)));
            });

            // Query parameters.
            foreach (var parameter in Parameters(described, "query"))
            {
                foreach (var value in HostileValues.Form)
                {
                    yield return new(endpoint, $"?{parameter}= {value.Name}", operation.Caller, (s, _) =>
                    {
                        var path = s.Resolve(operation.Path);
                        var query = $"{parameter}={Encoding.UTF8.GetString(value.Wire)}";
                        return Message(method, path + (path.Contains('?') ? '&' : '?') + query, operation.Body is null ? null : JsonBody(operation.Body(s)));
                    });
                }
            }

            if (operation.Body is null)
            {
                continue;
            }

            if (operation.Multipart)
            {
                foreach (var request in MultipartRequests(endpoint, operation.Caller, s => s.Resolve(operation.Path), method, BodyFields(described, "multipart/form-data"), s => operation.Body(s).ToDictionary(f => f.Key, f => Uri.EscapeDataString(f.Value!.ToString())), "pfx"))
                {
                    yield return request;
                }

                continue;
            }

            // Body fields: the OpenAPI schema's (so a new field is attacked too) and the valid body's.
            var fields = BodyFields(described, "application/json").Union(operation.Body(EmptySeed.Instance).Select(f => f.Key)).ToList();
            foreach (var field in fields)
            {
                foreach (var value in HostileValues.Json)
                {
                    yield return new(endpoint, $"{field}: {value.Name}", operation.Caller, (s, _) =>
                    {
                        var body = operation.Body(s);
                        body[field] = "__HOSTILE__";
                        return Message(method, s.Resolve(operation.Path), Replace(body, value.Wire));
                    });
                }

                yield return new(endpoint, $"{field}: duplicated", operation.Caller, (s, _) =>
                {
                    var body = operation.Body(s);
                    var json = body.ToJsonString();
                    var duplicate = $",\"{field}\":\"<script>duplicate</script>\"}}";
                    return Message(method, s.Resolve(operation.Path), Json(json[..^1] + duplicate));
                });
            }

            foreach (var (name, contentType, bytes) in HostileValues.Bodies)
            {
                yield return new(endpoint, "body " + name, operation.Caller, (s, _) => Message(method, s.Resolve(operation.Path), Raw(bytes, contentType)));
            }
        }
    }

    /// <summary>Every hostile request of the form catalogue.</summary>
    public static IEnumerable<HostileRequest> FormRequests()
    {
        foreach (var form in Forms)
        {
            if (form.Get)
            {
                foreach (var field in form.Fields(EmptySeed.Instance).Keys.DefaultIfEmpty(null))
                {
                    foreach (var value in field is null ? HostileValues.PathSegment : HostileValues.Form)
                    {
                        yield return new(form.Name, $"{field ?? "path"}: {value.Name}", form.Caller, (s, _) =>
                        {
                            var wire = Encoding.UTF8.GetString(value.Wire);
                            if (field is null)
                            {
                                var brace = form.Url.IndexOf('{');
                                return Message(HttpMethod.Get, form.Url[..brace] + wire + form.Url[(form.Url.IndexOf('}') + 1)..], null);
                            }

                            var fields = form.Fields(s);
                            fields[field] = wire;
                            return Message(HttpMethod.Get, s.Resolve(form.Url) + "?" + string.Join("&", fields.Select(f => $"{f.Key}={f.Value}")), null);
                        });
                    }
                }

                continue;
            }

            if (form.Multipart)
            {
                foreach (var request in MultipartRequests(form.Name, form.Caller, s => s.Resolve(form.Url), HttpMethod.Post, [], form.Fields, form.FileField!))
                {
                    yield return request;
                }

                continue;
            }

            foreach (var field in form.Fields(EmptySeed.Instance).Keys)
            {
                foreach (var value in HostileValues.Form)
                {
                    yield return new(form.Name, $"{field}: {value.Name}", form.Caller, (s, antiforgery) =>
                    {
                        var fields = form.Fields(s);
                        fields[field] = Encoding.UTF8.GetString(value.Wire);
                        return Message(HttpMethod.Post, s.Resolve(form.Url), UrlEncoded(fields, antiforgery));
                    });
                }

                yield return new(form.Name, $"{field}: duplicated", form.Caller, (s, antiforgery) =>
                {
                    var fields = form.Fields(s).Select(f => $"{f.Key}={f.Value}").Append($"{field}=%3Cscript%3E");
                    return Message(HttpMethod.Post, s.Resolve(form.Url), UrlEncodedRaw(string.Join("&", fields), antiforgery));
                });
            }

            yield return new(form.Name, "no antiforgery token", form.Caller, (s, _) => Message(HttpMethod.Post, s.Resolve(form.Url), UrlEncoded(form.Fields(s), null)));
            yield return new(form.Name, "malformed form body", form.Caller, (s, antiforgery) =>
                Message(HttpMethod.Post, s.Resolve(form.Url), UrlEncodedRaw("%%%&&==&=%ZZ&a=%", antiforgery)));
            yield return new(form.Name, "JSON content type", form.Caller, (s, _) =>
                Message(HttpMethod.Post, s.Resolve(form.Url), Raw(Encoding.UTF8.GetBytes("{\"x\": 1}"), "application/json")));
        }
    }

    /// <summary>The operations of the OpenAPI document the catalogue does not list.</summary>
    public static IEnumerable<string> Uncatalogued(JsonElement openApi) =>
        from path in openApi.GetProperty("paths").EnumerateObject()
        where path.Name.StartsWith("/api/v1", StringComparison.Ordinal)
        from operation in path.Value.EnumerateObject()
        let name = $"{operation.Name.ToUpperInvariant()} {path.Name}"
        where Api.All(o => o.Operation != name)
        select name;

    private static IEnumerable<HostileRequest> MultipartRequests(
        string endpoint, Caller caller, Func<HostileSeed, string> url, HttpMethod method, IEnumerable<string> documented,
        Func<HostileSeed, Dictionary<string, string>> valid, string fileField)
    {
        var fields = documented.Where(f => !f.Equals(fileField, StringComparison.OrdinalIgnoreCase)).Union(valid(EmptySeed.Instance).Keys, StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var field in fields)
        {
            foreach (var value in HostileValues.Form)
            {
                yield return new(endpoint, $"{field}: {value.Name}", caller, (s, antiforgery) =>
                {
                    var values = valid(s);
                    values[field] = Encoding.UTF8.GetString(value.Wire);
                    return Message(method, url(s), Multipart(values, antiforgery, fileField, HostileFiles.NotAPfx));
                });
            }
        }

        foreach (var (name, file) in HostileFiles.All)
        {
            yield return new(endpoint, $"{fileField}: {name}", caller, (s, antiforgery) => Message(method, url(s), Multipart(valid(s), antiforgery, fileField, file)));
        }

        yield return new(endpoint, "body JSON instead of a form", caller, (s, _) => Message(method, url(s), Json("{\"name\": \"x\"}")));
        yield return new(endpoint, "body multipart without boundary", caller, (s, _) => Message(method, url(s), Raw(Encoding.UTF8.GetBytes("--x\r\n"), "multipart/form-data")));
        yield return new(endpoint, "body truncated multipart", caller, (s, _) =>
            Message(method, url(s), Raw(Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx"), "multipart/form-data; boundary=b")));
    }

    private static HttpContent Multipart(Dictionary<string, string> fields, string? antiforgery, string fileField, byte[]? file)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new ByteArrayContent(System.Web.HttpUtility.UrlDecodeToBytes(value)), name);
        }

        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/x-pkcs12");
            content.Add(part, fileField, "client.pfx");
        }

        if (antiforgery is not null)
        {
            content.Add(new StringContent(antiforgery), "__RequestVerificationToken");
        }

        return content;
    }

    private static JsonObject SecretFields(HostileSeed s) => new()
    {
        ["name"] = "hostile " + Guid.NewGuid().ToString("N")[..8],
        ["tenantId"] = s.Ids["tenant"],
        ["type"] = "kti",
        ["userName"] = "hostile-user",
        ["password"] = "hostile-password",
        ["pfxPassword"] = "wrong",
        ["description"] = "d",
    };

    private static Dictionary<string, string> SecretFormFields(HostileSeed s) =>
        SecretFields(s).ToDictionary(f => "Input." + char.ToUpperInvariant(f.Key[0]) + f.Key[1..], f => Uri.EscapeDataString(f.Value!.ToString()));

    private static JsonObject ProxyFields(HostileSeed s) => new()
    {
        ["name"] = "hostile " + Guid.NewGuid().ToString("N")[..8],
        ["tenantId"] = s.Ids["tenant"],
        ["url"] = "http://proxy.example.com:3128",
        ["userName"] = "u",
        ["password"] = "hostile-proxy-password",
        ["bypass"] = new JsonArray("intranet"),
        ["description"] = "d",
        ["clearCredentials"] = false,
    };

    private static Dictionary<string, string> ProxyFormFields(HostileSeed s) => new()
    {
        ["Input.Name"] = "hostile%20" + Guid.NewGuid().ToString("N")[..8],
        ["Input.TenantId"] = s.Ids["tenant"],
        ["Input.Url"] = "http%3A%2F%2Fproxy.example.com%3A3128",
        ["Input.UserName"] = "u",
        ["Input.Password"] = "hostile-proxy-password",
        ["Input.Bypass"] = "intranet",
        ["Input.Description"] = "d",
        ["Input.ClearCredentials"] = "false",
    };

    private static (HttpMethod Method, string Path) Split(string operation) =>
        operation.Split(' ') is [var method, var path] ? (new HttpMethod(method), path) : throw new ArgumentException(operation);

    private static IEnumerable<string> Parameters(JsonElement operation, string where) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == where).Select(p => p.GetProperty("name").GetString()!)
            : [];

    /// <summary>The properties of the request body's schema for <paramref name="mediaType"/> (references followed by name).</summary>
    private static IEnumerable<string> BodyFields(JsonElement operation, string mediaType)
    {
        if (!operation.TryGetProperty("requestBody", out var body) || !body.GetProperty("content").TryGetProperty(mediaType, out var content))
        {
            return [];
        }

        var schema = content.GetProperty("schema");
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = Components!.Value.GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        return schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).ToList() : [];
    }

    /// <summary>The OpenAPI document's <c>components/schemas</c>, set by the test before the requests are made.</summary>
    public static JsonElement? Components { get; set; }

    private static HttpRequestMessage Message(HttpMethod method, string path, HttpContent? content) => new(method, path) { Content = content };

    private static ByteArrayContent JsonBody(JsonObject body) => Json(body.ToJsonString());

    private static ByteArrayContent Json(string json) => Raw(Encoding.UTF8.GetBytes(json), "application/json");

    private static ByteArrayContent Replace(JsonObject body, byte[] value)
    {
        var json = Encoding.UTF8.GetBytes(body.ToJsonString());
        var at = json.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Placeholder));
        return Raw([.. json[..at], .. value, .. json[(at + Placeholder.Length)..]], "application/json");
    }

    private static ByteArrayContent Raw(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    private static ByteArrayContent UrlEncoded(Dictionary<string, string> fields, string? antiforgery) =>
        UrlEncodedRaw(string.Join("&", fields.Select(f => $"{f.Key}={f.Value}")), antiforgery);

    private static ByteArrayContent UrlEncodedRaw(string body, string? antiforgery) =>
        Raw(Encoding.UTF8.GetBytes(antiforgery is null ? body : $"{body}&__RequestVerificationToken={Uri.EscapeDataString(antiforgery)}"), "application/x-www-form-urlencoded");

    /// <summary>Lets the field names of a catalogue entry be read before anything is seeded.</summary>
    private static class EmptySeed
    {
        public static readonly HostileSeed Instance = new() { Ids = new DefaultingIds(), Secrets = new Dictionary<string, string>() };

        private sealed class DefaultingIds : Dictionary<string, string>, IReadOnlyDictionary<string, string>
        {
            string IReadOnlyDictionary<string, string>.this[string key] => Guid.Empty.ToString();
        }
    }
}

/// <summary>Uploads that are not what they claim to be.</summary>
public static class HostileFiles
{
    public static readonly byte[] NotAPfx = Encoding.UTF8.GetBytes("-----BEGIN CERTIFICATE-----\nnot a pfx\n");

    public static IEnumerable<(string Name, byte[]? File)> All =>
    [
        ("not a PFX", NotAPfx),
        ("empty file", []),
        ("oversized (3 MB)", new byte[3 * 1024 * 1024]),
        ("PE header", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
        ("no file", null),
    ];
}
