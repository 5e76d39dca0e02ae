using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeX;
using PoliceFeeds.IntegrationTests.Publishing;
using PoliceFeeds.Web.Pages.Report;

namespace PoliceFeeds.IntegrationTests.Report;

/// <summary>
/// The report groups the publisher's failure codes: the real publisher is driven to each kind of final failure against
/// the fake X, and the group the report gives the delivery's code is checked.
/// </summary>
public sealed class FailureReasonTests : IAsyncLifetime
{
    private const int Department = 5;
    private static readonly Func<DeliveryFailure, int> Classify = FailureReasons.OfFailure.Compile();
    private LivePublishing _live = null!;

    public async Task InitializeAsync()
    {
        _live = await LivePublishing.StartAsync(requestTimeout: TimeSpan.FromMilliseconds(1500));
        await _live.MakeLiveAsync(Department);
    }

    public async Task DisposeAsync() => await _live.DisposeAsync();

    private async Task<DeliveryFailure> FailAsync(FakeXFault fault)
    {
        var id = (await PublishingTestData.AddDueMessagesAsync(_live.Factory, Department, 1, _live.Factory.UtcNow.AddSeconds(-1), "Échec"))[0];
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, fault);
        await _live.RunOnceAsync(o => o.MaxAttempts = 1);
        var message = await _live.MessageAsync(id);
        Assert.Equal(MessageStatus.Failed, message.Status);
        return (await _live.DeliveryAsync(id)).Failure;
    }

    [Fact]
    public async Task Duplicate_refused_by_X_is_recognised() =>
        Assert.Equal(FailureReasons.Duplicate, Classify(await FailAsync(FakeXFault.Duplicate())));

    [Fact]
    public async Task Other_refusal_by_X_is_recognised() =>
        Assert.Equal(FailureReasons.RejectedByX, Classify(await FailAsync(FakeXFault.ServerError(400))));

    [Fact]
    public async Task Giving_up_after_retries_is_recognised() =>
        Assert.Equal(FailureReasons.GaveUpAfterRetries, Classify(await FailAsync(FakeXFault.ServerError(500))));
}
