namespace KumaTip.TipSimulator.Hosting;

/// <summary>A TIP account's HTTP Basic credentials.</summary>
public sealed record SimulatorAccount(string UserName, string Password)
{
    /// <summary>The user name only: the password must not reach a log.</summary>
    public override string ToString() => UserName;
}
