using System.Security.Cryptography;
using KumaTip.Application.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace KumaTip.Application.Identity;

/// <summary>
/// First start: the roles exist, and when there is no user at all an administrator <c>admin</c> is created with
/// <c>Bootstrap:AdminPassword</c>, or with a generated password printed once to the console (never to the log).
/// </summary>
public sealed class AdminBootstrap(
    AppDbContext db,
    UserManager<AppUser> users,
    RoleManager<AppRole> roles,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<AdminBootstrap> logger)
{
    public const string AdminUserName = "admin";

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new AppRole(role));
            }
        }

        if (await db.Users.AnyAsync(ct))
        {
            return;
        }

        var configured = configuration["Bootstrap:AdminPassword"];
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        var admin = new AppUser { Id = Guid.NewGuid(), UserName = AdminUserName, CreatedAt = time.GetUtcNow(), LockoutEnabled = true };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(
                "Bootstrap:AdminPassword is not accepted: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, Roles.GeneralAdministrator);
        logger.LogInformation("Created the first administrator {UserName}", AdminUserName);
        if (string.IsNullOrEmpty(configured))
        {
            // Deliberately Console, not the logger: the password must not land in collected logs.
            Console.WriteLine();
            Console.WriteLine("==================================================================");
            Console.WriteLine($" First start: sign in as '{AdminUserName}' with password: {password}");
            Console.WriteLine(" It is shown only this once. Change it, or set Bootstrap__AdminPassword.");
            Console.WriteLine("==================================================================");
            Console.WriteLine();
        }
    }

    private static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var chars = Enumerable.Range(0, 16).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
        // Identity's default rules want a digit, upper, lower and a symbol.
        return new string(chars.ToArray()) + "-7aA";
    }
}
