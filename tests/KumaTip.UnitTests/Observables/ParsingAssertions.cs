using KumaTip.Application.Common;
using KumaTip.Application.Observables;

namespace KumaTip.UnitTests.Observables;

internal static class ParsingAssertions
{
    public static Observable Parsed(Result<Observable> result)
    {
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value!;
    }

    public static Error Failed(Result<Observable> result)
    {
        Assert.False(result.Succeeded, $"expected an error, got {result.Value}");
        return result.Error!;
    }
}
