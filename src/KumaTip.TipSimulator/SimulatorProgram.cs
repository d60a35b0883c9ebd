using KumaTip.TipSimulator.Certificates;
using KumaTip.TipSimulator.Hosting;

namespace KumaTip.TipSimulator;

/// <summary>
/// The stand-alone simulator: <c>init-certs DIR</c> and <c>serve [options]</c> (see README.md).
/// Not named Program: the web host's Program is what the integration tests' WebApplicationFactory finds.
/// </summary>
public static class SimulatorProgram
{
    public const string DefaultCertificatesDirectory = "tip-simulator-certs";

    public static async Task<int> Main(string[] args)
    {
        try
        {
            switch (args)
            {
                case ["init-certs", var directory]:
                    InitCerts(directory);
                    Console.WriteLine($"Wrote {string.Join(", ", CertificateFiles)} to {Path.GetFullPath(directory)}.");
                    return 0;
                case ["serve", .. var rest]:
                    await ServeAsync(ServeArguments.Parse(rest));
                    return 0;
                default:
                    Console.Error.WriteLine(ServeArguments.Usage);
                    return 2;
            }
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(ServeArguments.Usage);
            return 2;
        }
    }

    /// <summary>
    /// Writes a new CA (ca.crt, ca.key), a server certificate for localhost/127.0.0.1/::1 (server.crt, server.key)
    /// and a client certificate (client.pfx with its password in client.pfx.password).
    /// </summary>
    public static SimulatorCertificates InitCerts(string directory)
    {
        var certificates = SimulatorCertificates.Generate();
        certificates.WriteTo(directory);
        return certificates;
    }

    private static IEnumerable<string> CertificateFiles =>
    [
        SimulatorCertificates.CaCertificateFile, SimulatorCertificates.CaKeyFile, SimulatorCertificates.ServerCertificateFile,
        SimulatorCertificates.ServerKeyFile, SimulatorCertificates.ClientPfxFile, SimulatorCertificates.ClientPfxPasswordFile,
    ];

    private static async Task ServeAsync(SimulatorOptions options)
    {
        var directory = options.CertificatesDirectory ?? DefaultCertificatesDirectory;
        if (!File.Exists(Path.Combine(directory, SimulatorCertificates.CaCertificateFile)))
        {
            InitCerts(directory);
        }

        options.CertificatesDirectory = directory;
        await using var host = await SimulatorHost.StartAsync(options);
        Console.WriteLine($"TIP simulator on {host.BaseUrl} (admin {host.AdminUrl}), user '{host.UserName}'.");
        Console.WriteLine($"Client certificate: {Path.GetFullPath(Path.Combine(directory, SimulatorCertificates.ClientPfxFile))} (password in {SimulatorCertificates.ClientPfxPasswordFile}); CA: {SimulatorCertificates.CaCertificateFile}. Ctrl+C stops.");
        await host.WaitForShutdownAsync();
    }
}
