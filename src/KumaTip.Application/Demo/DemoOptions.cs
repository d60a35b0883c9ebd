using System.ComponentModel.DataAnnotations;

namespace KumaTip.Application.Demo;

/// <summary>The <c>Demo</c> section: what <c>seed-demo</c> creates. Passwords not given here are generated.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public string? MainAnalystPassword { get; set; }

    public string? IndustrialAnalystPassword { get; set; }

    [Range(0, 1_000_000)]
    public int EventsPerTenant { get; set; } = 2_500;

    [Range(1, 365)]
    public int Days { get; set; } = 5;
}
