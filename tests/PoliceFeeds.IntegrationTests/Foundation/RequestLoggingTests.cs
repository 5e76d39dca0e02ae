using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Publishing;
using Serilog.Core;
using Serilog.Events;

namespace PoliceFeeds.IntegrationTests.Foundation;

/// <summary>
/// Request completion events go through the app's configured Serilog pipeline (its levels, its asynchronous sinks and the
/// log file), not through the static console-only bootstrap logger each host keeps.
/// </summary>
public sealed class RequestLoggingTests : IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _factory = new();
    private readonly CollectingSink _sink = new();

    public Task InitializeAsync()
    {
        _factory.Settings["Serilog:MinimumLevel:Default"] = "Information";
        _factory.ServiceOverrides.Add(services => services.AddSingleton<ILogEventSink>(_sink));
        _ = _factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_request_is_logged_through_the_configured_pipeline_with_its_status_and_path()
    {
        using var client = _factory.CreateTestClient();
        using var response = await client.GetAsync("/Account/Login");

        await PublishingTestData.WaitUntilAsync(() => Task.FromResult(_sink.Events.Any(IsLoginRequest)), TimeSpan.FromSeconds(5));
        var logged = _sink.Events.First(IsLoginRequest);
        Assert.Equal("200", logged.Properties["StatusCode"].ToString());
    }

    [Fact]
    public async Task A_signed_in_request_is_logged_with_the_user_id_and_never_the_email_address()
    {
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        var userId = await Sessions.SessionTestData.UserIdAsync(_factory, DemoUsers.Officer44);
        using var response = await client.GetAsync("/Messages?departmentId=1");

        static bool IsHome(LogEvent e) =>
            e.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == "\"/Messages\"" && e.Properties.ContainsKey("Elapsed");
        await PublishingTestData.WaitUntilAsync(() => Task.FromResult(_sink.Events.Any(IsHome)), TimeSpan.FromSeconds(5));
        var logged = _sink.Events.First(IsHome);
        Assert.Equal($"\"{userId}\"", logged.Properties["UserId"].ToString());
        Assert.DoesNotContain(_sink.Events, e => e.RenderMessage().Contains(DemoUsers.Officer44, StringComparison.OrdinalIgnoreCase)
            || e.Properties.Values.Any(v => v.ToString().Contains(DemoUsers.Officer44, StringComparison.OrdinalIgnoreCase)));
    }

    private static bool IsLoginRequest(LogEvent e) =>
        e.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == "\"/Account/Login\"" && e.Properties.ContainsKey("Elapsed");

    private sealed class CollectingSink : ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
    }
}
