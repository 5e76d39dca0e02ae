using System.Text;

namespace PoliceFeeds.Web.Startup;

/// <summary>
/// <c>dotnet run --project src/PoliceFeeds.Web -- create-admin EMAIL</c>: creates the first national administrator of an
/// installation (after applying migrations), then exits. The password is read from standard input (typed without echo
/// at a terminal, or piped: its first line) or from a file (<c>--password-file PATH</c>), never from the command line,
/// where the shell history and the process list would keep it.
/// </summary>
public static class AdminCommand
{
    private const string Usage = "Usage: create-admin EMAIL [--password-file PATH] (without --password-file, the password is read from standard input)";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 3 || args.Length > 4 || args.Length < 2 || (args.Length == 4 && args[2] != "--password-file"))
        {
            await Console.Error.WriteLineAsync(args.Length == 3 && args[2] != "--password-file"
                ? "create-admin does not take the password on the command line (the shell history and the process list would keep it): " +
                  "give it on standard input (typed, or piped from a file) or with --password-file PATH."
                : Usage);
            return 2;
        }

        var password = args.Length == 4 ? await ReadPasswordFileAsync(args[3]) : await ReadPasswordFromStandardInputAsync();
        if (string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync(args.Length == 4 ? $"The file '{args[3]}' holds no password." : "No password was given on standard input.");
            return 2;
        }

        await app.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<UserSeeder>();
        try
        {
            var created = await seeder.CreateNationalAdminAsync(args[1], password);
            await Console.Out.WriteLineAsync(created ? $"National administrator {args[1]} created." : $"A user {args[1]} already exists; nothing changed.");
            return created ? 0 : 1;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static async Task<string?> ReadPasswordFileAsync(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var text = await File.ReadAllTextAsync(path);
        return text.Split('\n', 2)[0].TrimEnd('\r');
    }

    /// <summary>The first line of standard input; at a terminal, typed without being shown.</summary>
    private static async Task<string?> ReadPasswordFromStandardInputAsync()
    {
        if (Console.IsInputRedirected)
        {
            return (await Console.In.ReadLineAsync())?.TrimEnd('\r');
        }

        await Console.Out.WriteAsync("Password: ");
        var password = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        await Console.Out.WriteLineAsync();
        return password.ToString();
    }
}
