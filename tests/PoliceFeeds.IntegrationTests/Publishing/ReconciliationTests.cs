using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeX;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Officer;

namespace PoliceFeeds.IntegrationTests.Publishing;

/// <summary>
/// Reconciliation against the faithful fake X (texts rewritten as X does, timeline lag, reply rule), with a fake clock
/// shared by the app and the fake: exactly one post whatever X does to the text, and never a post left online unseen.
/// </summary>
public sealed class ReconciliationTests : IAsyncLifetime
{
    private const int Department = DemoUsers.Department44;
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
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

    private Task RunAsync(int maxAttempts = 50) => _live.RunOnceAsync(o =>
    {
        o.MaxAttempts = maxAttempts;
        o.ReconcileSettleTime = TimeSpan.FromSeconds(30);
        o.BackoffBase = TimeSpan.Zero;
        o.BackoffMax = TimeSpan.Zero;
    });

    private async Task<long> DueAsync(string text, int photos = 0, int category = 1)
    {
        var id = (await PublishingTestData.AddDueMessagesAsync(_live.Factory, Department, 1, Now.AddSeconds(-1), "x", m =>
        {
            m.Text = text;
            m.CategoryId = category;
            m.Photos = Enumerable.Range(0, photos).Select(i => new MessagePhoto { Content = Png, ContentType = "image/png", AltText = $"Photo {i} & légende", Position = i, Length = Png.Length }).ToList();
        }))[0];
        return id;
    }

    private int PostsOf(string sentText) => _live.X.Posts.Count(p => p.SentText == sentText && !p.Deleted);

    [Theory]
    [InlineData("Contrôles routiers ce soir : détails sur https://www.interieur.gouv.fr/securite-routiere", 0, true)]
    [InlineData("Contrôles routiers ce soir : détails sur https://www.interieur.gouv.fr/securite-routiere", 0, false)]
    [InlineData("Appel à témoins : Lucie, 14 ans, vue pour la dernière fois place du marché", 1, true)]
    [InlineData("Appel à témoins : Lucie, 14 ans, vue pour la dernière fois place du marché", 1, false)]
    [InlineData("Prévention & sécurité : <2 roues> soyez visibles", 0, true)]
    [InlineData("Prévention & sécurité : <2 roues> soyez visibles", 0, false)]
    public async Task Accept_then_timeout_makes_exactly_one_post_found_by_reconciliation(string text, int photos, bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        var id = await DueAsync(text, photos);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());

        await RunAsync();
        Assert.NotNull((await _live.DeliveryAsync(id)).PossiblySentSinceUtc);

        await RunAsync();

        var delivery = await _live.DeliveryAsync(id);
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Null(delivery.PossiblySentSinceUtc);
        Assert.Equal(1, PostsOf(text));
        Assert.Equal(_live.X.Posts.Single(p => p.SentText == text).Id, delivery.RemotePostId);
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task With_a_ten_second_timeline_lag_not_found_is_not_final_and_one_post_goes_out(bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        _live.X.Behaviour.TimelineLag = TimeSpan.FromSeconds(10);
        const string text = "Fermeture de la rue & déviation : https://example.org/plan";
        var id = await DueAsync(text);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());
        await RunAsync();

        // At once: the timeline does not show it yet; not final, the marker stays, nothing is posted again.
        await RunAsync();
        var waiting = await _live.DeliveryAsync(id);
        Assert.Equal(DeliveryStatus.Pending, waiting.Status);
        Assert.NotNull(waiting.PossiblySentSinceUtc);
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));

        _clock.Advance(TimeSpan.FromSeconds(31));
        await RunAsync();

        Assert.Equal(DeliveryStatus.Sent, (await _live.DeliveryAsync(id)).Status);
        Assert.Equal(1, PostsOf(text));
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Attempts_exhausted_after_an_ambiguous_attempt_then_relancer_still_makes_one_post(bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        const string text = "Opération tranquillité vacances : inscrivez-vous https://www.service-public.fr/otv";
        var id = await DueAsync(text);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());
        await RunAsync(maxAttempts: 1);
        var failed = await _live.DeliveryAsync(id);
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Equal(DeliveryFailure.PossiblySent, failed.Failure);
        Assert.NotNull(failed.PossiblySentSinceUtc);

        await ActAsync(id, m => m.RetryAfterFailure("someone", Now));
        await RunAsync();

        Assert.Equal(MessageStatus.Published, (await _live.MessageAsync(id)).Status);
        Assert.Equal(1, PostsOf(text));
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
    }

    [Theory]
    [InlineData(false, 0, true)]
    [InlineData(true, 0, true)]
    [InlineData(true, 0, false)]
    [InlineData(false, 1, false)]
    [InlineData(true, 1, true)]
    [InlineData(true, 1, false)]
    public async Task Cancel_or_person_found_on_a_possibly_sent_appeal_ends_withdrawn_from_x(bool found, int photos, bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        const string text = "Appel à témoins : Marc, 82 ans, disparu & recherché https://example.org/avis";
        var id = await DueAsync(text, photos, category: 4);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());
        await RunAsync(maxAttempts: 1);
        Assert.Equal(DeliveryStatus.Failed, (await _live.DeliveryAsync(id)).Status);

        await ActAsync(id, m => found ? m.MarkPersonFound("someone", CategoryKeys.MissingPerson, Now, Now.AddDays(30)) : m.Cancel("someone", Now));
        Assert.Equal(DeliveryStatus.CheckRequested, (await _live.DeliveryAsync(id)).Status);
        await RunAsync();
        await RunAsync();

        var delivery = await _live.DeliveryAsync(id);
        Assert.Equal(DeliveryStatus.Withdrawn, delivery.Status);
        Assert.Equal(0, PostsOf(text));
        var post = _live.X.Posts.Single(p => p.SentText == text);
        Assert.True(post.Deleted);
        Assert.Equal(photos, post.MediaIds.Count);
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(true, false)]
    public async Task An_edit_refused_on_a_possibly_sent_appeal_then_a_cancel_or_person_found_ends_withdrawn_from_x(bool found, bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        const string text = "Appel à témoins : Paul, 9 ans, vu pour la dernière fois gare Sud https://example.org/paul";
        var id = await DueAsync(text, category: 4);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());
        await RunAsync(maxAttempts: 1);
        Assert.Equal(DeliveryStatus.Failed, (await _live.DeliveryAsync(id)).Status);

        // The edit is refused (the post may be online) and asks for a check, which would only record the post.
        using (var officer = _live.Factory.CreateTestClient())
        {
            await officer.SignInAsync(DemoUsers.Officer44);
            using var form = OfficerTestData.EditForm(await _live.MessageAsync(id), text + " (précisions)");
            using var refused = await officer.EditAsync(id, form);
            Assert.Equal(System.Net.HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("incertaine", (await TestClient.ParseAsync(refused)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        }

        var check = await _live.DeliveryAsync(id);
        Assert.Equal((DeliveryStatus.CheckRequested, false), (check.Status, check.WithdrawIfFound));

        // Then the appeal is cancelled (or the person found) before the check ran: the check now withdraws what it finds.
        await ActAsync(id, m => found ? m.MarkPersonFound("someone", CategoryKeys.MissingPerson, Now, Now.AddDays(30)) : m.Cancel("someone", Now));
        Assert.True((await _live.DeliveryAsync(id)).WithdrawIfFound);
        await RunAsync();
        await RunAsync();

        var delivery = await _live.DeliveryAsync(id);
        Assert.Equal(DeliveryStatus.Withdrawn, delivery.Status);
        Assert.True(_live.X.Posts.Single(p => p.SentText == text).Deleted);
        Assert.Equal(0, PostsOf(text));
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
        Assert.Equal(MessageStatus.Cancelled, (await _live.MessageAsync(id)).Status);
    }

    [Fact]
    public async Task A_check_that_cannot_read_the_timeline_counts_its_attempts_and_waits_longer_each_time()
    {
        const string text = "Objets trouvés : un sac à dos bleu place de la gare";
        var id = await DueAsync(text);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());
        await RunAsync(maxAttempts: 1);
        await PublishingTestData.WithDbAsync(_live.Factory, async db =>
        {
            await PoliceFeeds.Web.Pages.Messages.DeliveryChecks.RequestCheckAsync(db, id, Now, CancellationToken.None);
            return 0;
        });
        _live.X.Faults.Enqueue(FakeXEndpoint.UserPosts, Enumerable.Range(0, 40).Select(_ => FakeXFault.ServerError()).ToArray());

        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await _live.RunOnceAsync(o =>
            {
                o.BackoffBase = TimeSpan.FromSeconds(15);
                o.BackoffMax = TimeSpan.FromMinutes(30);
                o.ReconcileSettleTime = TimeSpan.FromSeconds(30);
            });
            var delivery = await _live.DeliveryAsync(id);
            Assert.Equal((DeliveryStatus.CheckRequested, attempt), (delivery.Status, delivery.Attempts));
            Assert.NotNull(delivery.PossiblySentSinceUtc);
            waits.Add(delivery.NextAttemptAtUtc!.Value - Now);
            _clock.Advance(waits[^1]);
        }

        // 15 s, 30 s, 60 s, 120 s ceilings, half of each at least.
        Assert.True(waits[^1] >= TimeSpan.FromSeconds(60), string.Join(", ", waits));
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task After_a_pause_and_an_expired_lease_person_found_is_offered_and_takes_the_appeal_down(bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        const string text = "Appel à témoins : Léa, 15 ans, disparue depuis hier soir près du lycée";
        var id = await DueAsync(text, category: 4);

        // A worker claimed the appeal, X created the post, and the worker stopped before recording anything; then the
        // department was paused, so no publisher takes the expired lease over: the message stays "publication en cours".
        _live.X.AddPost(_live.Accounts[Department], text, _clock.GetUtcNow());
        await PublishingTestData.WithDbAsync(_live.Factory, async db =>
        {
            await db.Deliveries.Where(d => d.MessageId == id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Sending)
                .SetProperty(d => d.LeaseOwner, "stopped")
                .SetProperty(d => d.LeaseToken, Guid.NewGuid())
                .SetProperty(d => d.LeaseExpiresAtUtc, Now.AddSeconds(90))
                .SetProperty(d => d.Attempts, 1)
                .SetProperty(d => d.LastAttemptAtUtc, Now)
                .SetProperty(d => d.PossiblySentSinceUtc, Now));
            await db.Messages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Publishing));
            return await db.Departments.Where(d => d.Id == Department).ExecuteUpdateAsync(s => s.SetProperty(d => d.PublishingPaused, true));
        });
        _clock.Advance(TimeSpan.FromMinutes(5));
        await RunAsync();
        Assert.Equal(MessageStatus.Publishing, (await _live.MessageAsync(id)).Status);

        using var validator = _live.Factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);
        var page = await validator.GetPageAsync($"/Messages/{id}");
        Assert.NotNull(page.QuerySelector("#found-form"));
        using (var found = await validator.PostFormAsync($"/Messages/{id}", [], $"/Messages/{id}?handler=Found", "#found-form"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, found.StatusCode);
        }

        var message = await _live.MessageAsync(id);
        Assert.Equal(MessageStatus.Cancelled, message.Status);
        Assert.NotNull(message.FoundAtUtc);
        var check = await _live.DeliveryAsync(id);
        Assert.Equal((DeliveryStatus.CheckRequested, true, (Guid?)null), (check.Status, check.WithdrawIfFound, check.LeaseToken));

        // Still paused: checks and deletions go on (a pause stops posting, never taking down).
        await RunAsync();
        await RunAsync();

        Assert.Equal(DeliveryStatus.Withdrawn, (await _live.DeliveryAsync(id)).Status);
        Assert.True(_live.X.Posts.Single(p => p.SentText == text).Deleted);
        Assert.Equal(0, _live.X.RequestCount(FakeXEndpoint.CreatePost));
    }

    [Fact]
    public async Task A_check_that_finds_the_post_records_it_as_the_messages_first_post()
    {
        const string text = "Objets trouvés : un vélo rouge rue de Strasbourg";
        var id = await DueAsync(text, photos: 1);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());
        await RunAsync(maxAttempts: 1);
        Assert.Equal(DeliveryStatus.Failed, (await _live.DeliveryAsync(id)).Status);

        // An edit refused on a possibly-sent message asks the publisher to check at once.
        await PublishingTestData.WithDbAsync(_live.Factory, async db =>
        {
            await PoliceFeeds.Web.Pages.Messages.DeliveryChecks.RequestCheckAsync(db, id, Now, CancellationToken.None);
            return 0;
        });
        await RunAsync();

        var post = _live.X.Posts.Single(p => p.SentText == text);
        var delivery = await _live.DeliveryAsync(id);
        Assert.Equal((DeliveryStatus.Sent, post.Id), (delivery.Status, delivery.RemotePostId));
        var message = await _live.MessageAsync(id);
        Assert.Equal(MessageStatus.Published, message.Status);
        Assert.Equal(post.Id, message.XPostId);
        Assert.Equal($"https://x.com/{_live.Accounts[Department].Username}/status/{post.Id}", message.XPostUrl);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Relancer_three_days_after_an_ambiguous_attempt_finds_the_post_instead_of_posting_again(bool duplicateGuard)
    {
        _live.X.Behaviour.DuplicateGuard = duplicateGuard;
        const string text = "Vol de câbles sur la voie ferrée : témoins recherchés https://example.org/cables";
        var id = await DueAsync(text);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());
        await RunAsync(maxAttempts: 1);
        Assert.Equal(DeliveryFailure.PossiblySent, (await _live.DeliveryAsync(id)).Failure);

        // Three days later, far beyond ReconcileWindow (2 h), and beyond X's duplicate rule (24 h).
        _clock.Advance(TimeSpan.FromDays(3));
        await ActAsync(id, m => m.RetryAfterFailure("someone", Now));
        await RunAsync();
        await RunAsync();

        var message = await _live.MessageAsync(id);
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
        Assert.Equal(1, PostsOf(text));
        Assert.Equal(MessageStatus.Published, message.Status);
        Assert.Equal(_live.X.Posts.Single(p => p.SentText == text).Id, message.XPostId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_person_found_three_days_after_an_ambiguous_attempt_has_the_appeal_found_and_deleted(int photos)
    {
        _live.X.Behaviour.DuplicateGuard = false;
        const string text = "Appel à témoins : Inès, 16 ans, disparue depuis samedi https://example.org/ines";
        var id = await DueAsync(text, photos, category: 4);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());
        await RunAsync(maxAttempts: 1);

        _clock.Advance(TimeSpan.FromDays(3));
        await ActAsync(id, m => m.MarkPersonFound("someone", CategoryKeys.MissingPerson, Now, Now.AddDays(30)));
        await RunAsync();
        await RunAsync();

        Assert.Equal(DeliveryStatus.Withdrawn, (await _live.DeliveryAsync(id)).Status);
        Assert.True(_live.X.Posts.Single(p => p.SentText == text).Deleted);
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
    }

    [Fact]
    public async Task A_timeline_read_cut_short_by_the_page_limit_settles_nothing_posts_nothing_again_and_waits_for_a_person()
    {
        _live.X.Behaviour.DuplicateGuard = false;
        const string text = "Fermeture exceptionnelle de l'accueil du commissariat lundi";
        var id = await DueAsync(text);
        _live.X.Faults.Enqueue(FakeXEndpoint.CreatePost, FakeXFault.AcceptThenHang());
        await RunAsync(maxAttempts: 1);

        // 310 later posts: the three pages of 100 the client reads stop before the uncertain one.
        _clock.Advance(TimeSpan.FromMinutes(5));
        for (var i = 0; i < 310; i++)
        {
            _live.X.AddPost(_live.Accounts[Department], $"Autre message {i}", _clock.GetUtcNow());
        }

        await ActAsync(id, m => m.RetryAfterFailure("someone", Now));
        await RunAsync();

        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
        Assert.Equal(1, PostsOf(text));
        var delivery = await _live.DeliveryAsync(id);
        Assert.Equal((DeliveryStatus.ToCheckByHand, DeliveryFailure.CheckByHand), (delivery.Status, delivery.Failure));
        Assert.NotNull(delivery.PossiblySentSinceUtc);

        // Nothing more happens on its own: no read, no post, until a validator says whether it is online.
        var reads = _live.X.RequestCount(FakeXEndpoint.UserPosts);
        _clock.Advance(TimeSpan.FromHours(1));
        await RunAsync();
        Assert.Equal(reads, _live.X.RequestCount(FakeXEndpoint.UserPosts));
        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.CreatePost));
    }

    [Fact]
    public async Task A_training_message_approved_before_a_switch_to_live_is_held_never_posted_on_x()
    {
        await SetAccountAsync(a => a.Mode = AccountMode.Sandbox);
        var id = await DueAsync("Entraînement : message d'essai");
        Assert.Equal(DeliveryMode.Training, (await _live.DeliveryAsync(id)).Mode);
        await SetAccountAsync(a => a.Mode = AccountMode.Live);

        await RunAsync();

        var delivery = await _live.DeliveryAsync(id);
        Assert.Equal((DeliveryStatus.Held, DeliveryFailure.ModeChanged), (delivery.Status, delivery.Failure));
        Assert.Empty(_live.X.Posts);
        Assert.False(await PublishingTestData.WithDbAsync(_live.Factory, db => db.SandboxPosts.AnyAsync(p => p.DepartmentId == Department)));
    }

    [Fact]
    public async Task A_held_message_goes_out_only_once_a_validator_approves_it_again_for_the_account_as_it_is_now()
    {
        await SetAccountAsync(a => a.Mode = AccountMode.Sandbox);
        var id = await DueAsync("Entraînement devenu réel : fermeture de la mairie annexe");
        await SetAccountAsync(a => a.Mode = AccountMode.Live);
        await RunAsync();
        Assert.Equal(DeliveryStatus.Held, (await _live.DeliveryAsync(id)).Status);
        using var officer = _live.Factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);
        using var validator = _live.Factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);

        // The officer sees why it is held, but only a validator may send it again.
        var officersPage = await officer.GetPageAsync($"/Messages/{id}");
        Assert.Contains("le message est retenu jusqu'à une nouvelle validation", officersPage.QuerySelector("[data-testid=last-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(officersPage.QuerySelector("form[action*='handler=Reapprove']"));
        using (var forged = await officer.Http.PostAsync(new Uri($"/Messages/{id}?handler=Reapprove", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", await officer.AntiforgeryTokenAsync())])))
        {
            Assert.Contains("/Account/AccessDenied", forged.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        await RunAsync();
        Assert.Equal(DeliveryStatus.Held, (await _live.DeliveryAsync(id)).Status);
        Assert.Empty(_live.X.Posts);

        var validatorsPage = await validator.GetPageAsync($"/Messages/{id}");
        Assert.Contains("Il partira sur le compte réel @", validatorsPage.QuerySelector("[data-testid=reapprove-target]")!.TextContent, StringComparison.Ordinal);
        using (var reapproved = await validator.PostFormAsync($"/Messages/{id}", [], $"/Messages/{id}?handler=Reapprove", "form[action*='handler=Reapprove']"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, reapproved.StatusCode);
        }

        var delivery = await _live.DeliveryAsync(id);
        Assert.Equal((DeliveryStatus.Pending, DeliveryMode.Live, DeliveryFailure.None), (delivery.Status, delivery.Mode, delivery.Failure));
        var entry = await PublishingTestData.WithDbAsync(_live.Factory, db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Action == "message.reapproved" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(await PublishingTestData.WithDbAsync(_live.Factory, db => db.Users.Where(u => u.Email == DemoUsers.Validator44).Select(u => u.Id).SingleAsync()), entry.ActorId);

        await RunAsync();
        Assert.Single(_live.X.Posts, p => p.SentText == "Entraînement devenu réel : fermeture de la mairie annexe");
        Assert.Equal(DeliveryStatus.Sent, (await _live.DeliveryAsync(id)).Status);

        // Nothing is held any more: a second click (an old tab) is refused in words and changes nothing.
        using var again = await validator.Http.PostAsync(new Uri($"/Messages/{id}?handler=Reapprove", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", await validator.AntiforgeryTokenAsync())]));
        Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode);
        var errors = (await TestClient.ParseAsync(again)).QuerySelector("#form-errors")!.TextContent;
        Assert.Contains("Cette action n'est pas possible dans l'état actuel du message", errors, StringComparison.Ordinal);
        Assert.Single(_live.X.Posts);
    }

    [Fact]
    public async Task A_validator_who_last_edited_a_held_message_cannot_approve_it_again()
    {
        var validatorId = await PublishingTestData.WithDbAsync(_live.Factory, db => db.Users.Where(u => u.Email == DemoUsers.Validator44).Select(u => u.Id).SingleAsync());
        await SetAccountAsync(a => a.Mode = AccountMode.Sandbox);
        const string text = "Entraînement modifié par le valideur : fermeture de la piscine";
        var id = (await PublishingTestData.AddDueMessagesAsync(_live.Factory, Department, 1, Now.AddSeconds(-1), "x", m =>
        {
            m.Text = text;
            m.LastEditedById = validatorId;
        }))[0];
        await SetAccountAsync(a => a.Mode = AccountMode.Live);
        await RunAsync();
        Assert.Equal(DeliveryStatus.Held, (await _live.DeliveryAsync(id)).Status);
        using var validator = _live.Factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);

        // Approving it again decides that it goes out on the real account: four eyes, as for an approval.
        var page = await validator.GetPageAsync($"/Messages/{id}");
        Assert.Null(page.QuerySelector("form[action*='handler=Reapprove']"));
        using var forged = await validator.Http.PostAsync(new Uri($"/Messages/{id}?handler=Reapprove", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", await validator.AntiforgeryTokenAsync())]));

        Assert.Equal(System.Net.HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("Vous ne pouvez pas valider un message que vous avez rédigé ou modifié", (await TestClient.ParseAsync(forged)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Held, (await _live.DeliveryAsync(id)).Status);
        Assert.False(await PublishingTestData.WithDbAsync(_live.Factory, db => db.AuditEntries.AnyAsync(a => a.Action == "message.reapproved" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await RunAsync();
        Assert.Empty(_live.X.Posts);
    }

    [Fact]
    public async Task After_a_disconnection_a_live_message_is_held_and_a_live_post_is_never_marked_withdrawn_while_online()
    {
        var published = await DueAsync("Un post réel déjà en ligne", category: 4);
        await RunAsync();
        var pending = await DueAsync("Un post réel encore à publier");
        await SetAccountAsync(a => { a.State = AccountState.Disconnected; a.Mode = AccountMode.Sandbox; });

        await ActAsync(published, m => m.MarkPersonFound("someone", CategoryKeys.MissingPerson, Now, Now.AddDays(30)));
        await RunAsync();

        var held = await _live.DeliveryAsync(pending);
        Assert.Equal((DeliveryStatus.Held, DeliveryFailure.Disconnected), (held.Status, held.Failure));
        Assert.False(await PublishingTestData.WithDbAsync(_live.Factory, db => db.SandboxPosts.AnyAsync(p => p.DepartmentId == Department)));
        Assert.Equal(DeliveryStatus.WithdrawalRequested, (await _live.DeliveryAsync(published)).Status);
        Assert.False(_live.X.Posts.Single(p => p.SentText == "Un post réel déjà en ligne").Deleted);
    }

    [Fact]
    public async Task A_reply_refused_by_xs_rule_goes_out_once_as_the_departments_fallback()
    {
        var parent = await DueAsync("Déviation en place rue Nationale");
        await RunAsync();
        var reply = await DueAsync("Suite : la déviation est levée", customiseReplyTo: parent);

        await RunAsync();

        var delivery = await _live.DeliveryAsync(reply);
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Equal(ReplyFallback.QuotePost, delivery.ReplyFallbackUsed);
        var post = Assert.Single(_live.X.Posts, p => p.SentText == "Suite : la déviation est levée");
        Assert.Equal((await _live.DeliveryAsync(parent)).RemotePostId, post.QuotePostId);
        Assert.Null(post.InReplyTo);
    }

    [Fact]
    public async Task One_read_of_the_timeline_serves_all_of_an_accounts_possibly_sent_deliveries()
    {
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var text = $"Message {i} & lien https://example.org/{i}";
            ids.Add(await DueAsync(text));
            _live.X.AddPost(_live.Accounts[Department], text, _clock.GetUtcNow());
        }

        // As after an outage: five attempts that may have reached X, none recorded.
        await PublishingTestData.WithDbAsync(_live.Factory, db => db.Deliveries.Where(d => ids.Contains(d.MessageId))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.PossiblySentSinceUtc, Now.AddSeconds(-5)).SetProperty(d => d.LastAttemptAtUtc, Now.AddSeconds(-5)).SetProperty(d => d.Attempts, 1)));

        await RunAsync();

        Assert.Equal(1, _live.X.RequestCount(FakeXEndpoint.UserPosts));
        Assert.Equal(0, _live.X.RequestCount(FakeXEndpoint.CreatePost));
        foreach (var id in ids)
        {
            Assert.Equal(DeliveryStatus.Sent, (await _live.DeliveryAsync(id)).Status);
        }
    }

    private async Task<long> DueAsync(string text, long customiseReplyTo) =>
        (await PublishingTestData.AddDueMessagesAsync(_live.Factory, Department, 1, Now.AddSeconds(-1), "x", m =>
        {
            m.Text = text;
            m.InReplyToMessageId = customiseReplyTo;
            m.FollowUpKind = FollowUpKind.Reply;
        }))[0];

    private Task ActAsync(long id, Func<Message, LifecycleResult> act) => PublishingTestData.ActAsync(_live.Factory, id, act);

    private Task SetAccountAsync(Action<PublishingAccount> change) => PublishingTestData.SetAccountAsync(_live.Factory, Department, change);
}
