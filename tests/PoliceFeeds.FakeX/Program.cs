namespace PoliceFeeds.FakeX;

/// <summary>Runs the fake X API v2 on its own, for demonstrations: point XApi:BaseAddress and XApi:AuthorizeUrl at it.</summary>
internal static class FakeXProgram
{
    public static async Task Main(string[] args)
    {
        var port = args.Length > 0 && int.TryParse(args[0], out var p) ? p : 5299;
        await using var server = await FakeXServer.StartAsync(port);
        var account = server.AddOAuth1Account("PoliceNat13", "demo-access-token", "demo-access-token-secret");
        server.AuthorizingAccount = account;
        Console.WriteLine($"Fake X API v2 listening on {server.BaseAddress}");
        Console.WriteLine($"  OAuth 1.0a: consumer key '{server.ConsumerKey}' / secret '{server.ConsumerSecret}'; access token 'demo-access-token' / secret 'demo-access-token-secret' (@{account.Username})");
        Console.WriteLine($"  OAuth 2.0: client id '{server.ClientId}' / secret '{server.ClientSecret}'; authorize page {server.BaseAddress}i/oauth2/authorize");
        Console.WriteLine("Press Ctrl+C to stop.");
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        await stop.Task;
    }
}
