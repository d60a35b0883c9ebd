using KumaTip.Application.ThreatLookup.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KumaTip.UnitTests.ThreatLookup.Client;

public sealed class TipClientOptionsTests
{
    [Fact]
    public void The_answer_size_limit_is_32_MiB_unless_configured()
    {
        Assert.Equal(32 * 1024 * 1024, Options(null).MaxAnswerBytes);
        Assert.Equal(1024 * 1024, Options("1048576").MaxAnswerBytes);
    }

    [Theory]
    [InlineData("1000")]
    [InlineData("0")]
    [InlineData("2000000000")]
    public void An_answer_size_limit_outside_64_KiB_to_1_GiB_stops_the_start(string configured)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Options(configured));

        Assert.Contains(nameof(TipClientOptions.MaxAnswerBytes), refused.Message, StringComparison.Ordinal);
    }

    private static TipClientOptions Options(string? maxAnswerBytes)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(maxAnswerBytes is null ? [] : [new($"{TipClientOptions.Section}:MaxAnswerBytes", maxAnswerBytes)])
            .Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddThreatLookupClient().BuildServiceProvider();
        return services.GetRequiredService<IOptions<TipClientOptions>>().Value;
    }
}
