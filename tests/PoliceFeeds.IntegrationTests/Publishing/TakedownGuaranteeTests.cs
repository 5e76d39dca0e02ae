using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeX;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Publishing;

/// <summary>
/// The paths around an uncertain attempt and a takedown that a review found open: a read that cannot reach the attempt
/// (a person settles it), a create's rate limit (takedowns are not held by it, and go first), a held delivery re-approved
/// for another mode, a fallback reply, two identical texts. Against the faithful fake X on a fake clock, each exactly-once
/// case with X's duplicate guard on and off.
/// </summary>
public sealed class TakedownGuaranteeTests : IAsyncLifetime
{
    private const int Department = DemoUsers.Department44;
    private readonly FakeTimeProvider _clock = new(TestClock.DefaultStart);
    private LivePublishing _live = null!;

    public async Task InitializeAsync()
    {
        _live = await LivePublishing.StartAsync(requestTimeout: TimeSpan.FromMilliseconds(800), services: s => s.AddSingleton<TimeProvider>(_clock));
        _live.X.Clock = _clock;
        await _live.MakeLiveAsync(Department);
    }

    public async Task DisposeAsync() => await _live.DisposeAsync();

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private Task RunAsync(int maxAttempts = 50, int batchSize = 100) => _live.RunOnceAsync(o =>
    {
        o.MaxAttempts = maxAttempts;
        o.BatchSize = batchSize;
        o.ReconcileSettleTime = TimeSpan.FromSeconds(30);
        o.BackoffBase = TimeSpan.Zero;
        o.BackoffMax = TimeSpan.Zero;
    });

    private async Task<long> DueAsync(string text, Action<Message>? customise = null, DateTime? due = null) =>
        (await PublishingTestData.AddDueMessagesAsync(_live.Factory, Department, 1, due ?? Now.AddSeconds(-1), "x", m =>
        {
            m.Text = text;
            customise?.Invoke(m);
        }))[0];

    private int PostsOf(string sentText) => _live.X.Posts.Count(p => p.SentText == sentText && !p.Deleted);

    /// <summary>An uncertain attempt buried under 310 later posts: the three pages the client reads cannot reach it.</summary>
    private async Task<long> OutOfReachAsync(string text, FakeXFault firstAttempt)
    {
        var id = await DueAsync(text);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, firstAttempt);
        await RunAsync(maxAttempts: 1);
        _clock.Advance(TimeSpan.FromMinutes(5));
        for (var i = 0; i < 310; i++)
        {
            _live.X.AddPost(_live.Accounts[Department], $"Autre message {i}", _clock.GetUtcNow());
        }

        await ActAsync(id, m => m.RetryAfterFailure("someone", Now));
        await RunAsync();
        Assert.Equal(DeliveryStatus.ToCheckByHand, (await _live.DeliveryAsync(id)).Status);
        return id;
    }

    [Fact]
    public async Task A_validator_says_where_a_post_out_of_reach_is_online_and_it_is_then_ours_to_take_down()
    {
        _live.X.Behaviour.DuplicateGuard = false;
        const string text = "Fermeture de l'accueil du commissariat central samedi";
        var id = await OutOfReachAsync(text, FakeXFault.AcceptThenHang());
        var postId = _live.X.Posts.Single(p => p.SentText == text).Id;
        using var officer = _live.Factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);
        using var validator = _live.Factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);

        // The message stands out as failed, with no "Relancer" (it would post blindly); only a validator may settle it.
        var officersPage = await officer.GetPageAsync($"/Messages/{id}");
        Assert.Equal(MessageStatus.Failed, (await _live.MessageAsync(id)).Status);
        Assert.Null(officersPage.QuerySelector("[data-testid=hand-check]"));
        Assert.Null(officersPage.QuerySelector("form[action*='handler=Retry']"));
        Assert.Contains("un valideur doit vérifier", officersPage.QuerySelector("[data-testid=last-error]")!.TextContent, StringComparison.Ordinal);
        var deliveryId = (await _live.DeliveryAsync(id)).Id;
        using (var forged = await officer.Http.PostAsync(new Uri($"/Messages/{id}?handler=HandCheck", UriKind.Relative), new FormUrlEncodedContent(
            [new("__RequestVerificationToken", await officer.AntiforgeryTokenAsync()), new("HandCheckDeliveryId", $"{deliveryId}"), new("HandCheckVerdict", "absent")])))
        {
            Assert.Contains("/Account/AccessDenied", forged.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        // The validator's queue lists it.
        var queue = await validator.GetPageAsync("/Queue");
        Assert.NotNull(queue.QuerySelector($"[data-testid=queue-hand-checks] [data-message='{id}']"));

        // Another account's post, or no address: refused in French, nothing changes.
        var handle = (await PublishingTestData.WithDbAsync(_live.Factory, db => db.PublishingAccounts.SingleAsync(a => a.DepartmentId == Department))).Handle;
        using (var wrong = await validator.PostFormAsync($"/Messages/{id}", [new("HandCheckDeliveryId", $"{deliveryId}"), new("HandCheckVerdict", "online"), new("HandCheckPostUrl", $"https://x.com/pnationale/status/{postId}")], $"/Messages/{id}?handler=HandCheck", "[data-testid=hand-check]"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains($"Indiquez l'adresse d'un post du compte {handle}", (await TestClient.ParseAsync(wrong)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(DeliveryStatus.ToCheckByHand, (await _live.DeliveryAsync(id)).Status);

        using (var settled = await validator.PostFormAsync($"/Messages/{id}", [new("HandCheckDeliveryId", $"{deliveryId}"), new("HandCheckVerdict", "online"), new("HandCheckPostUrl", $"https://twitter.com/{handle}/status/{postId}?s=20")], $"/Messages/{id}?handler=HandCheck", "[data-testid=hand-check]"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, settled.StatusCode);
        }

        var delivery = await _live.DeliveryAsync(id);
        Assert.Equal((DeliveryStatus.Sent, postId), (delivery.Status, delivery.RemotePostId));
        Assert.Null(delivery.PossiblySentSinceUtc);
        var message = await _live.MessageAsync(id);
        Assert.Equal((MessageStatus.Published, postId), (message.Status, message.XPostId));
        var audit = await PublishingTestData.WithDbAsync(_live.Factory, db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "message.checked_by_hand_online"));
        Assert.Equal(await PublishingTestData.WithDbAsync(_live.Factory, db => db.Users.Where(u => u.Email == DemoUsers.Validator44).Select(u => u.Id).SingleAsync()), audit.ActorId);

        // Ours now: withdrawn like any post, and never posted again.
        await ActAsync(id, m => m.Withdraw("validator", "erreur", Now));
        await RunAsync();
        Assert.True(_live.X.Posts.Single(p => p.Id == postId).Deleted);
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_validator_who_finds_the_post_absent_lets_it_go_out_once(bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        const string text = "Réunion publique sur la sécurité du quartier mardi";

        // A 503 that created nothing: uncertain for the publisher, absent on X.
        var id = await OutOfReachAsync(text, FakeXFault.ServerError(503));
        Assert.Equal(0, PostsOf(text));
        using var validator = _live.Factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);

        var deliveryId = (await _live.DeliveryAsync(id)).Id;
        using (var settled = await validator.PostFormAsync($"/Messages/{id}", [new("HandCheckDeliveryId", $"{deliveryId}"), new("HandCheckVerdict", "absent")], $"/Messages/{id}?handler=HandCheck", "[data-testid=hand-check]"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, settled.StatusCode);
        }

        Assert.Equal(MessageStatus.Approved, (await _live.MessageAsync(id)).Status);
        await RunAsync();
        await RunAsync();

        Assert.Equal(1, PostsOf(text));
        Assert.Equal(DeliveryStatus.Sent, (await _live.DeliveryAsync(id)).Status);
    }

    [Fact]
    public async Task A_create_rate_limit_of_a_day_does_not_hold_a_takedown()
    {
        var appeal = await DueAsync("Appel à témoins : Inès, 15 ans, disparue depuis hier");
        await RunAsync();
        var postId = (await _live.DeliveryAsync(appeal)).RemotePostId;
        var later = await DueAsync("Prévention : attention aux faux policiers");
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.RateLimited(_clock.GetUtcNow().AddHours(24)));
        await RunAsync();
        Assert.NotNull((await PublishingTestData.WithDbAsync(_live.Factory, db => db.PublishingAccounts.SingleAsync(a => a.DepartmentId == Department))).RateLimitedUntilUtc);

        await ActAsync(appeal, m => m.Withdraw("validator", "personne retrouvée", Now));
        await RunAsync();

        Assert.True(_live.X.Posts.Single(p => p.Id == postId).Deleted);
        Assert.Equal(DeliveryStatus.Withdrawn, (await _live.DeliveryAsync(appeal)).Status);
        Assert.Equal(DeliveryStatus.Pending, (await _live.DeliveryAsync(later)).Status);
    }

    [Fact]
    public async Task A_takedown_goes_before_posts_that_were_due_earlier()
    {
        var appeal = await DueAsync("Appel à témoins : Hugo, 12 ans");
        await RunAsync();

        // Two posts due an hour before the appeal was (a backlog after an outage), then the person is found.
        var first = await DueAsync("Conseil : verrouillez votre véhicule", due: Now.AddHours(-1));
        var second = await DueAsync("Conseil : ne laissez rien de visible dans l'habitacle", due: Now.AddHours(-1));
        _clock.Advance(TimeSpan.FromMinutes(1));
        await ActAsync(appeal, m => m.Withdraw("validator", "personne retrouvée", Now));

        // One delivery per round: the takedown, though the two posts were due long before it.
        await RunAsync(batchSize: 1);

        Assert.Equal(DeliveryStatus.Withdrawn, (await _live.DeliveryAsync(appeal)).Status);
        Assert.Equal(DeliveryStatus.Pending, (await _live.DeliveryAsync(first)).Status);
        Assert.Equal(DeliveryStatus.Pending, (await _live.DeliveryAsync(second)).Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_held_delivery_whose_live_attempt_is_uncertain_is_looked_for_on_x_when_approved_again_never_on_the_training_timeline(bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        const string text = "Opération de sécurisation du marché de Noël ce week-end";
        var id = await DueAsync(text);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());
        await RunAsync();
        Assert.NotNull((await _live.DeliveryAsync(id)).PossiblySentSinceUtc);

        // The account goes to training before the publisher could settle it: held, marker kept.
        await SetAccountAsync(a => a.Mode = AccountMode.Sandbox);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await RunAsync();
        Assert.Equal(DeliveryStatus.Held, (await _live.DeliveryAsync(id)).Status);

        await ReapproveAsync(id);
        Assert.Equal((DeliveryStatus.CheckRequested, DeliveryMode.Live), ((await _live.DeliveryAsync(id)).Status, (await _live.DeliveryAsync(id)).Mode));
        await RunAsync();

        var delivery = await _live.DeliveryAsync(id);
        Assert.Equal((DeliveryStatus.Sent, DeliveryMode.Live), (delivery.Status, delivery.Mode));
        Assert.Equal(_live.X.Posts.Single(p => p.SentText == text).Id, delivery.RemotePostId);
        Assert.False(await PublishingTestData.WithDbAsync(_live.Factory, db => db.SandboxPosts.AnyAsync(p => p.DepartmentId == Department)));
        Assert.Equal(1, PostsOf(text));
    }

    [Fact]
    public async Task A_held_delivery_whose_uncertain_attempt_created_nothing_is_held_again_for_a_new_approval()
    {
        const string text = "Fermeture du poste de police de la gare dimanche";
        var id = await DueAsync(text);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.ServerError(503));
        await RunAsync();
        await SetAccountAsync(a => a.Mode = AccountMode.Sandbox);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await RunAsync();
        await ReapproveAsync(id);

        await RunAsync();

        var delivery = await _live.DeliveryAsync(id);
        Assert.Equal((DeliveryStatus.Held, DeliveryFailure.ModeChanged), (delivery.Status, delivery.Failure));
        Assert.Null(delivery.PossiblySentSinceUtc);
        await ReapproveAsync(id);
        await RunAsync();
        Assert.Equal((DeliveryStatus.Sent, DeliveryMode.Training), ((await _live.DeliveryAsync(id)).Status, (await _live.DeliveryAsync(id)).Mode));
        Assert.Equal(0, PostsOf(text));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_uncertain_link_fallback_is_looked_for_as_it_was_sent_and_never_posted_twice(bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        await PublishingTestData.WithDbAsync(_live.Factory, db => db.Departments.Where(d => d.Id == Department).ExecuteUpdateAsync(s => s.SetProperty(d => d.ReplyFallback, ReplyFallback.LinkPost)));
        var parent = await DueAsync("Déviation en place avenue de la République");
        await RunAsync();
        const string text = "Suite : la déviation de l'avenue est levée";
        var reply = await DueAsync(text, m => { m.InReplyToMessageId = parent; m.FollowUpKind = FollowUpKind.Reply; });

        // X refuses the reply (its reply rule), and the fallback with the link is created but never answered.
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.Normal());
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());
        await RunAsync();
        Assert.Equal(ReplyFallback.LinkPost, (await _live.DeliveryAsync(reply)).ReplyFallbackUsed);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await RunAsync();

        var delivery = await _live.DeliveryAsync(reply);
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        var post = Assert.Single(_live.X.Posts, p => p.SentText.StartsWith(text, StringComparison.Ordinal));
        Assert.Equal(post.Id, delivery.RemotePostId);
    }

    [Fact]
    public async Task An_uncertain_reply_whose_original_was_taken_down_meanwhile_is_found_and_taken_down_too()
    {
        _live.X.Behaviour.DuplicateGuard = false;
        _live.X.Behaviour.ReplyRule = FakeXReplyRule.Open;
        var parent = await DueAsync("Déviation en place rue Victor-Hugo");
        await RunAsync();
        const string text = "Suite : la déviation de la rue Victor-Hugo est levée";
        var reply = await DueAsync(text, m => { m.InReplyToMessageId = parent; m.FollowUpKind = FollowUpKind.Reply; });
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());
        await RunAsync();
        await ActAsync(parent, m => m.Withdraw("validator", "erreur", Now));
        _clock.Advance(TimeSpan.FromMinutes(1));
        await RunAsync();

        // Found (never failed with its marker cleared while the reply is online), and no second reply.
        var delivery = await _live.DeliveryAsync(reply);
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Equal(_live.X.Posts.Single(p => p.SentText == text).Id, delivery.RemotePostId);
        Assert.Equal(1, _live.X.Posts.Count(p => p.SentText == text));
    }

    [Fact]
    public async Task Two_identical_texts_both_uncertain_each_get_their_own_post()
    {
        _live.X.Behaviour.DuplicateGuard = false;
        const string text = "Merci à tous pour vos partages : la personne a été retrouvée.";
        var first = await DueAsync(text);
        var second = await DueAsync(text);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());
        await RunAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));
        await RunAsync();

        var a = await _live.DeliveryAsync(first);
        var b = await _live.DeliveryAsync(second);
        Assert.Equal((DeliveryStatus.Sent, DeliveryStatus.Sent), (a.Status, b.Status));
        Assert.NotEqual(a.RemotePostId, b.RemotePostId);
        Assert.Equal(2, PostsOf(text));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_worker_that_lost_its_lease_during_a_slow_create_posts_nothing_more(bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        var first = await DueAsync("Premier message d'une série : contrôle des deux-roues");
        var second = await DueAsync("Second message d'une série : contrôle des deux-roues");
        var otherInstance = Guid.NewGuid();

        // The first create is slow: the lease expires meanwhile, and another instance takes the run's second delivery over.
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.During(async () =>
        {
            _clock.Advance(TimeSpan.FromMinutes(2));
            var secondId = (await _live.DeliveryAsync(second)).Id;
            await PublishingTestData.WithDbAsync(_live.Factory, db => db.Deliveries.Where(d => d.Id == secondId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseToken, otherInstance).SetProperty(d => d.LeaseExpiresAtUtc, Now.AddSeconds(90))));
        }));
        await RunAsync();

        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
        // The slow create timed out on the app's clock: uncertain, to be looked for before anything else.
        var slow = await _live.DeliveryAsync(first);
        Assert.Equal((DeliveryStatus.Pending, DeliveryFailure.PossiblySent), (slow.Status, slow.Failure));
        Assert.NotNull(slow.PossiblySentSinceUtc);
        var taken = await _live.DeliveryAsync(second);
        Assert.Equal((DeliveryStatus.Sending, (Guid?)otherInstance), (taken.Status, taken.LeaseToken));
    }

    private async Task ReapproveAsync(long id)
    {
        using var validator = _live.Factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);
        using var reapproved = await validator.PostFormAsync($"/Messages/{id}", [], $"/Messages/{id}?handler=Reapprove", "form[action*='handler=Reapprove']");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, reapproved.StatusCode);
    }

    private Task ActAsync(long id, Func<Message, LifecycleResult> act) => PublishingTestData.ActAsync(_live.Factory, id, act);

    private Task SetAccountAsync(Action<PublishingAccount> change) => PublishingTestData.SetAccountAsync(_live.Factory, Department, change);
}
