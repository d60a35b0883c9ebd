namespace KumaTip.TipSimulator;

public static class SimulatorProgram
{
    public static Task<int> Main(string[] args) => Task.FromResult(args.Length);
}
