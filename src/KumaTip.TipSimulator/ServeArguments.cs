using System.Globalization;
using System.Net;
using System.Text.Json;
using KumaTip.TipSimulator.Faults;
using KumaTip.TipSimulator.Hosting;

namespace KumaTip.TipSimulator;

/// <summary>Reads the options of <c>serve</c>; a bad argument is an <see cref="ArgumentException"/> naming it.</summary>
internal static class ServeArguments
{
    public const int DefaultPort = 8443;
    public const int DefaultAdminPort = 8444;

    public const string Usage = """
        Usage:
          KumaTip.TipSimulator init-certs DIR
          KumaTip.TipSimulator serve [--certs DIR] [--port N] [--admin-port N] [--listen IP]
                                     [--user U --password P] [--terms-not-accepted U] [--no-api-access U]
                                     [--day-quota N] [--access-type Commercial|Trial] [--faults FILE.json|JSON]
        """;

    public static SimulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SimulatorOptions { Port = DefaultPort, AdminPort = DefaultAdminPort };
        string? user = null, password = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--certs": options.CertificatesDirectory = value; break;
                case "--port": options.Port = Number(name, value); break;
                case "--admin-port": options.AdminPort = Number(name, value); break;
                case "--listen": options.ListenAddress = IPAddress.TryParse(value, out var address) ? address : throw new ArgumentException($"--listen: '{value}' is not an IP address."); break;
                case "--user": user = value; break;
                case "--password": password = value; break;
                case "--terms-not-accepted": options.UsersWithoutAcceptedTerms.Add(value); break;
                case "--no-api-access": options.UsersWithoutApiAccess.Add(value); break;
                case "--day-quota": options.DayQuota = Number(name, value); break;
                case "--access-type": options.AccessType = value; break;
                case "--faults": options.Faults = Faults(value); break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }

        if ((user is null) != (password is null))
        {
            throw new ArgumentException("--user and --password go together.");
        }

        if (user is not null)
        {
            options.Accounts.Add(new SimulatorAccount(user, password!));
        }

        return options;
    }

    private static int Number(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : throw new ArgumentException($"{name}: '{value}' is not a whole number.");

    private static FaultSettings Faults(string fileOrJson)
    {
        var json = fileOrJson.TrimStart().StartsWith('{') ? fileOrJson : File.ReadAllText(fileOrJson);
        try
        {
            var faults = JsonSerializer.Deserialize<FaultSettings>(json, ApiAnswers.Json) ?? FaultSettings.None;
            return faults.FindProblem() is { } problem ? throw new ArgumentException($"--faults: {problem}") : faults;
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"--faults: not a fault settings object ({exception.Message}).", exception);
        }
    }
}
