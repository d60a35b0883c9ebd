using System.ComponentModel.DataAnnotations;
using System.Net;

namespace KumaTip.Web.Hosting;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the reverse proxies (addresses, or networks as CIDR) whose X-Forwarded-For and
/// X-Forwarded-Proto are believed. None configured: the headers are ignored, whoever sends them.
/// </summary>
public sealed class ForwardedHeadersSettings : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    public List<string> KnownProxies { get; set; } = [];

    public List<string> KnownNetworks { get; set; } = [];

    public bool IsOn => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => new ValidationResult($"{Section}:KnownProxies: '{p}' is not an IP address.", [nameof(KnownProxies)]))
            .Concat(KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _))
                .Select(n => new ValidationResult(
                    $"{Section}:KnownNetworks: '{n}' is not a network in CIDR notation, e.g. 10.0.0.0/8.",
                    [nameof(KnownNetworks)])));
}
