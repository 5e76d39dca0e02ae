namespace PoliceFeeds.FakeMastodon;

/// <summary>Runs the fake Mastodon on its own, for demonstrations: an account "PoliceNat13" with the token "demo-token".</summary>
internal static class FakeMastodonProgram
{
    public static async Task Main(string[] args)
    {
        var port = args.Length > 0 && int.TryParse(args[0], out var p) ? p : 5399;
        await using var server = await FakeMastodonServer.StartAsync(port);
        server.AuthorizingAccount = server.AddAccount("PoliceNat13", "demo-token");
        Console.WriteLine($"Fake Mastodon listening on {server.BaseAddress} (account @PoliceNat13, token 'demo-token'). Ctrl+C to stop.");
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        await stop.Task;
    }
}
