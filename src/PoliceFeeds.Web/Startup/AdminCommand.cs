namespace PoliceFeeds.Web.Startup;

/// <summary>
/// <c>dotnet run --project src/PoliceFeeds.Web -- create-admin EMAIL PASSWORD</c>: creates the first national
/// administrator of an installation (after applying migrations), then exits.
/// </summary>
public static class AdminCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length != 3)
        {
            await Console.Error.WriteLineAsync("Usage: create-admin EMAIL PASSWORD");
            return 2;
        }

        await app.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<UserSeeder>();
        try
        {
            var created = await seeder.CreateNationalAdminAsync(args[1], args[2]);
            await Console.Out.WriteLineAsync(created ? $"National administrator {args[1]} created." : $"A user {args[1]} already exists; nothing changed.");
            return created ? 0 : 1;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
