using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PoliceFeeds.Infrastructure.XApi;

namespace PoliceFeeds.UnitTests.XApi;

/// <summary>How X's error bodies and rate-limit headers become outcomes (a canned answer per case, no network).</summary>
public sealed class XApiClientOutcomeTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static async Task<XOutcome<XPostCreated>> PostAsync(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        var handler = new CannedHandler(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        });
        var client = new XApiClient(new HttpClient(handler) { BaseAddress = new Uri("https://api.x.com/") }, Clock, NullLogger<XApiClient>.Instance);
        return await client.CreatePostAsync(new XAuth.Bearer("token"), new XCreatePostRequest("Bonjour", InReplyToPostId: "1"), CancellationToken.None);
    }

    [Theory]
    [InlineData("""{"errors":[{"parameters":{"reply.in_reply_to_tweet_id":["1"]},"message":"Your reply tweet ID is invalid."}],"title":"Invalid Request","detail":"One or more parameters to your request was invalid.","type":"https://api.twitter.com/2/problems/invalid-request"}""", "Your reply tweet ID is invalid.")]
    [InlineData("""{"errors":[{"detail":"The media id 42 is unknown.","message":"Invalid media"}],"detail":"One or more parameters to your request was invalid."}""", "The media id 42 is unknown.")]
    [InlineData("""{"title":"Invalid Request","detail":"Tweet text is too long.","type":"about:blank","status":400}""", "Tweet text is too long.")]
    [InlineData("""{"errors":[{"code":186,"message":"Tweet needs to be a bit shorter."}]}""", "Tweet needs to be a bit shorter.")]
    [InlineData("""{"title":"Invalid Request"}""", "Invalid Request")]
    public async Task A_refusal_keeps_the_real_reason(string body, string reason) =>
        Assert.Equal(new XOutcome<XPostCreated>.Rejected(400, reason), await PostAsync(HttpStatusCode.BadRequest, body));

    [Fact]
    public async Task X_reply_rule_is_its_own_outcome_and_duplicates_stay_duplicates()
    {
        var refused = await PostAsync(HttpStatusCode.Forbidden, """{"detail":"Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author.","type":"about:blank","title":"Forbidden","status":403}""");
        var legacy = await PostAsync(HttpStatusCode.Forbidden, """{"errors":[{"message":"Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author"}],"title":"Forbidden"}""");
        var duplicate = await PostAsync(HttpStatusCode.Forbidden, """{"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank","title":"Forbidden","status":403}""");
        var other = await PostAsync(HttpStatusCode.Forbidden, """{"detail":"You are not permitted to perform this action.","title":"Forbidden","status":403}""");

        Assert.IsType<XOutcome<XPostCreated>.ReplyRefused>(refused);
        Assert.IsType<XOutcome<XPostCreated>.ReplyRefused>(legacy);
        Assert.IsType<XOutcome<XPostCreated>.Duplicate>(duplicate);
        Assert.Equal(new XOutcome<XPostCreated>.Rejected(403, "You are not permitted to perform this action."), other);
    }

    [Fact]
    public async Task A_429_waits_for_the_latest_spent_window()
    {
        var fifteen = Clock.GetUtcNow().AddMinutes(12).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var day = Clock.GetUtcNow().AddHours(20).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var window = await PostAsync(HttpStatusCode.TooManyRequests, """{"title":"Too Many Requests"}""",
            ("x-rate-limit-remaining", "0"), ("x-rate-limit-reset", fifteen), ("x-user-limit-24hour-remaining", "1500"), ("x-user-limit-24hour-reset", day));
        var quota = await PostAsync(HttpStatusCode.TooManyRequests, """{"title":"Too Many Requests"}""",
            ("x-rate-limit-remaining", "40"), ("x-rate-limit-reset", fifteen), ("x-app-limit-24hour-remaining", "0"), ("x-app-limit-24hour-reset", day));
        var bare = await PostAsync(HttpStatusCode.TooManyRequests, """{"title":"Too Many Requests"}""");

        Assert.Equal(Clock.GetUtcNow().UtcDateTime.AddMinutes(12), Assert.IsType<XOutcome<XPostCreated>.RateLimited>(window).UntilUtc);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime.AddHours(20), Assert.IsType<XOutcome<XPostCreated>.RateLimited>(quota).UntilUtc);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime.AddMinutes(15), Assert.IsType<XOutcome<XPostCreated>.RateLimited>(bare).UntilUtc);
    }

    private sealed class CannedHandler(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer());
    }
}
