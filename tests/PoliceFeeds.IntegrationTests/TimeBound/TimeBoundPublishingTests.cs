using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeX;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.TimeBound;

/// <summary>Deletions and follow-ups go through the publisher against the fake X, with the same guarantees as posts.</summary>
public sealed class TimeBoundPublishingTests
{
    private static async Task<long> PublishOnXAsync(LivePublishing live, int categoryId, string text)
    {
        var id = (await PublishingTestData.AddDueMessagesAsync(live.Factory, DemoUsers.Department62, 1, live.Factory.UtcNow.AddSeconds(-1), text, m => m.CategoryId = categoryId)).Single();
        await live.DrainAsync([id], TimeSpan.FromSeconds(20));
        var message = await live.MessageAsync(id);
        Assert.Equal(MessageStatus.Published, message.Status);
        return id;
    }

    [Fact]
    public async Task A_found_persons_post_disappears_from_X_when_the_validator_marks_the_appeal()
    {
        await using var live = await LivePublishing.StartAsync();
        await live.MakeLiveAsync(DemoUsers.Department62);
        var id = await PublishOnXAsync(live, TimeBoundTestData.MissingPerson, "Appel à témoins : Jeanne, 15 ans, disparue à Arras");
        var postId = (await live.MessageAsync(id)).XPostId;
        Assert.Contains(live.X.Posts, p => p.Id == postId && !p.Deleted);

        using var validator = live.Factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator62);
        using var response = await validator.ActAsync(id, "Found");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(MessageStatus.WithdrawalRequested, (await live.MessageAsync(id)).Status);

        await live.RunOnceAsync();

        var message = await live.MessageAsync(id);
        Assert.Equal(MessageStatus.Withdrawn, message.Status);
        Assert.NotNull(message.WithdrawnAtUtc);
        Assert.True(live.X.Posts.Single(p => p.Id == postId).Deleted);
        Assert.Equal(1, live.X.RequestCount(FakeXEndpoint.DeletePost));
        Assert.Equal(["message.person_found", "message.withdrawn"], (await TimeBoundTestData.AuditActionsAsync(live.Factory, id)).Where(a => a != "message.published"));
    }

    [Fact]
    public async Task A_deletion_under_faults_happens_once_and_is_recorded_once()
    {
        await using var live = await LivePublishing.StartAsync(requestTimeout: TimeSpan.FromSeconds(1));
        await live.MakeLiveAsync(DemoUsers.Department62);
        var id = await PublishOnXAsync(live, TimeBoundTestData.MissingPerson, "Appel à témoins : Paul, 80 ans");
        var postId = (await live.MessageAsync(id)).XPostId;
        var other = await PublishOnXAsync(live, TimeBoundTestData.Prevention, "Prévention : fermez vos fenêtres");
        await TimeBoundTestData.MarkFoundAsync(live.Factory, id, live.Factory.UtcNow);

        // 503 three times (the in-place retries, then a reschedule), a deletion carried out whose answer never comes,
        // then a 429: each leaves the deletion to be tried again, and X's 404 for the already deleted post counts as done.
        live.X.Faults.Enqueue(FakeXEndpoint.DeletePost,
            FakeXFault.ServerError(), FakeXFault.ServerError(), FakeXFault.ServerError(),
            FakeXFault.AcceptThenHang(),
            FakeXFault.RateLimited(live.Factory.Now.AddMilliseconds(300)));
        var waited = Stopwatch.StartNew();
        while ((await live.MessageAsync(id)).Status != MessageStatus.Withdrawn && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await live.RunOnceAsync();
            await Task.Delay(50);
        }

        var message = await live.MessageAsync(id);
        Assert.Equal(MessageStatus.Withdrawn, message.Status);
        Assert.True(live.X.Posts.Single(p => p.Id == postId).Deleted);
        Assert.False(live.X.Posts.Single(p => p.Id == (live.MessageAsync(other).Result.XPostId)).Deleted);
        Assert.Single(await TimeBoundTestData.AuditActionsAsync(live.Factory, id), a => a == "message.withdrawn");
        Assert.True(live.X.RequestCount(FakeXEndpoint.DeletePost) >= 6, $"{live.X.RequestCount(FakeXEndpoint.DeletePost)} delete calls");
        Assert.Null((await live.DeliveryAsync(id)).LeaseToken);
    }

    [Fact]
    public async Task A_deletion_X_answers_deleted_false_is_not_recorded_and_is_tried_again()
    {
        await using var live = await LivePublishing.StartAsync();
        await live.MakeLiveAsync(DemoUsers.Department62);
        var id = await PublishOnXAsync(live, TimeBoundTestData.MissingPerson, "Appel à témoins : Léon, 9 ans");
        var postId = (await live.MessageAsync(id)).XPostId;
        await TimeBoundTestData.MarkFoundAsync(live.Factory, id, live.Factory.UtcNow);
        live.X.Faults.Enqueue(FakeXEndpoint.DeletePost, FakeXFault.NotDeleted());

        await live.RunOnceAsync();

        // X said the post was not deleted: it is still online, and the takedown is not over.
        Assert.False(live.X.Posts.Single(p => p.Id == postId).Deleted);
        Assert.NotEqual(MessageStatus.Withdrawn, (await live.MessageAsync(id)).Status);
        Assert.Equal(DeliveryStatus.WithdrawalRequested, (await live.DeliveryAsync(id)).Status);
        Assert.DoesNotContain("message.withdrawn", await TimeBoundTestData.AuditActionsAsync(live.Factory, id));

        var waited = Stopwatch.StartNew();
        while ((await live.MessageAsync(id)).Status != MessageStatus.Withdrawn && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
            await live.RunOnceAsync();
        }

        Assert.Equal(MessageStatus.Withdrawn, (await live.MessageAsync(id)).Status);
        Assert.True(live.X.Posts.Single(p => p.Id == postId).Deleted);
        Assert.Equal(2, live.X.RequestCount(FakeXEndpoint.DeletePost));
        Assert.Single(await TimeBoundTestData.AuditActionsAsync(live.Factory, id), a => a == "message.withdrawn");
    }

    [Fact]
    public async Task A_deletion_X_keeps_refusing_is_never_abandoned_it_is_retried_with_an_alert_until_the_post_is_gone()
    {
        await using var live = await LivePublishing.StartAsync();
        await live.MakeLiveAsync(DemoUsers.Department62);
        var id = await PublishOnXAsync(live, TimeBoundTestData.MissingPerson, "Appel à témoins : Luc");
        var postId = (await live.MessageAsync(id)).XPostId;
        await TimeBoundTestData.MarkFoundAsync(live.Factory, id, live.Factory.UtcNow);
        for (var i = 0; i < 8; i++)
        {
            live.X.Faults.Enqueue(FakeXEndpoint.DeletePost, FakeXFault.Duplicate());
        }

        for (var i = 0; i < 8; i++)
        {
            await live.RunOnceAsync();
            var delivery = await live.DeliveryAsync(id);
            Assert.Equal(DeliveryStatus.WithdrawalRequested, delivery.Status);
            Assert.Equal(DeliveryFailure.DeleteFailed, delivery.Failure);

            // Backoff grows, and is capped for a takedown (5 minutes), never given up.
            Assert.InRange(delivery.NextAttemptAtUtc!.Value - live.Factory.UtcNow, TimeSpan.FromSeconds(-5), TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
            live.Factory.Clock.Advance(TimeSpan.FromMinutes(6));
        }

        Assert.Equal(MessageStatus.WithdrawalRequested, (await live.MessageAsync(id)).Status);
        Assert.False(live.X.Posts.Single(p => p.Id == postId).Deleted);

        await live.RunOnceAsync();

        Assert.Equal(DeliveryStatus.Withdrawn, (await live.DeliveryAsync(id)).Status);
        Assert.True(live.X.Posts.Single(p => p.Id == postId).Deleted);
    }

    [Fact]
    public async Task A_401_on_deletion_marks_the_account_and_holds_the_deletion()
    {
        await using var live = await LivePublishing.StartAsync();
        await live.MakeLiveAsync(DemoUsers.Department62);
        var id = await PublishOnXAsync(live, TimeBoundTestData.MissingPerson, "Appel à témoins : Marc");
        await TimeBoundTestData.MarkFoundAsync(live.Factory, id, live.Factory.UtcNow);
        live.X.Faults.Enqueue(FakeXEndpoint.DeletePost, FakeXFault.Unauthorized());

        await live.RunOnceAsync();
        await live.RunOnceAsync();

        Assert.Equal(Core.Accounts.AccountState.NeedsReconnecting, (await live.AccountAsync(DemoUsers.Department62)).State);
        var message = await live.MessageAsync(id);
        Assert.Equal(MessageStatus.WithdrawalRequested, message.Status);
        Assert.Equal(DeliveryFailure.Unauthorized, (await live.DeliveryAsync(id)).Failure);
        Assert.Equal(1, live.X.RequestCount(FakeXEndpoint.DeletePost));
    }

    [Fact]
    public async Task A_follow_up_written_by_an_officer_is_posted_as_a_reply_to_the_right_post()
    {
        await using var live = await LivePublishing.StartAsync();
        // A reply to the account's own post: allowed here (X does not document it; the refusal has its own tests).
        live.X.Behaviour.ReplyRule = FakeXReplyRule.MentionedOrQuotedOrSelf;
        await live.MakeLiveAsync(DemoUsers.Department62);
        var first = await PublishOnXAsync(live, TimeBoundTestData.Prevention, "Vague de cambriolages : fermez vos portes");
        var parentId = await PublishOnXAsync(live, TimeBoundTestData.Prevention, "Conseil : notez les numéros de série de vos objets");
        var parentPost = (await live.MessageAsync(parentId)).XPostId;

        using var officer = live.Factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer62);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department62, TimeBoundTestData.Prevention, "Mise à jour : une permanence est ouverte au commissariat d'Arras.");
        form.Add(new StringContent(parentId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Input.FollowUpOfMessageId");
        form.Add(new StringContent("Reply"), "Input.FollowUpKind");
        // Published at once on the live account: the officer confirms it (the compose page's modal).
        form.Add(new StringContent("true"), "Input.ConfirmLivePublish");
        using var response = await officer.PostMultipartAsync($"/Messages/Edit?followUpOf={parentId}&kind=Reply", form, "/Messages/Edit?handler=Submit", "#message-form");
        var followUpId = MessageTestData.IdFromLocation(response);

        await live.RunOnceAsync();

        var followUp = await live.MessageAsync(followUpId);
        Assert.Equal((MessageStatus.Published, parentId, FollowUpKind.Reply), (followUp.Status, followUp.InReplyToMessageId!.Value, followUp.FollowUpKind));
        var post = live.X.Posts.Single(p => p.Id == followUp.XPostId);
        Assert.Equal(parentPost, post.InReplyTo);
        Assert.NotEqual((await live.MessageAsync(first)).XPostId, post.InReplyTo);

        var page = await officer.GetPageAsync($"/Messages/{parentId}");
        Assert.Contains($"/Messages/{followUpId}", page.QuerySelector("[data-testid=follow-ups]")!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_whose_original_was_taken_down_is_not_posted()
    {
        await using var live = await LivePublishing.StartAsync();
        await live.MakeLiveAsync(DemoUsers.Department62);
        var parentId = await PublishOnXAsync(live, TimeBoundTestData.MissingPerson, "Appel à témoins : Anna");
        var replyId = (await PublishingTestData.AddDueMessagesAsync(live.Factory, DemoUsers.Department62, 1, live.Factory.UtcNow.AddSeconds(-1), "Suite", m =>
        {
            m.InReplyToMessageId = parentId;
            m.FollowUpKind = FollowUpKind.Reply;
        })).Single();
        await TimeBoundTestData.MarkFoundAsync(live.Factory, parentId, live.Factory.UtcNow);

        await live.RunOnceAsync();

        Assert.Equal(MessageStatus.Withdrawn, (await live.MessageAsync(parentId)).Status);
        var reply = await live.MessageAsync(replyId);
        Assert.Equal(MessageStatus.Failed, reply.Status);
        Assert.Equal(DeliveryFailure.ParentOffline, (await live.DeliveryAsync(replyId)).Failure);
        Assert.DoesNotContain(live.X.Posts, p => p.SentText.StartsWith("Suite", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_department_pause_holds_new_posts_but_not_the_deletion_of_a_found_persons_appeal()
    {
        await using var live = await LivePublishing.StartAsync();
        await live.MakeLiveAsync(DemoUsers.Department62);
        var id = await PublishOnXAsync(live, TimeBoundTestData.MissingPerson, "Appel à témoins : Hugo");
        var due = (await PublishingTestData.AddDueMessagesAsync(live.Factory, DemoUsers.Department62, 1, live.Factory.UtcNow.AddSeconds(-1), "En pause")).Single();
        await PublishingTestData.WithDbAsync(live.Factory, db => db.Departments.Where(d => d.Id == DemoUsers.Department62)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.PublishingPaused, true)));
        await TimeBoundTestData.MarkFoundAsync(live.Factory, id, live.Factory.UtcNow);

        await live.RunOnceAsync();

        Assert.Equal(MessageStatus.Withdrawn, (await live.MessageAsync(id)).Status);
        Assert.Equal(MessageStatus.Approved, (await live.MessageAsync(due)).Status);
    }
}
