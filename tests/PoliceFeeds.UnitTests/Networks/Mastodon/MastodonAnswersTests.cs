using System.Net;
using System.Net.Http;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Networks.Mastodon;

namespace PoliceFeeds.UnitTests.Networks.Mastodon;

/// <summary>Mastodon's answers in the channel's terms: only an answer proving nothing was created lets an attempt go as not sent.</summary>
public sealed class MastodonAnswersTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    public static TheoryData<HttpStatusCode, MastodonEffect, Type> Errors => new()
    {
        { HttpStatusCode.InternalServerError, MastodonEffect.Acts, typeof(ChannelOutcome.Ambiguous) },
        { HttpStatusCode.BadGateway, MastodonEffect.Acts, typeof(ChannelOutcome.Ambiguous) },
        { HttpStatusCode.ServiceUnavailable, MastodonEffect.Acts, typeof(ChannelOutcome.Ambiguous) },
        { HttpStatusCode.GatewayTimeout, MastodonEffect.Acts, typeof(ChannelOutcome.Ambiguous) },
        { HttpStatusCode.ServiceUnavailable, MastodonEffect.None, typeof(ChannelOutcome.NotSent) },
        { HttpStatusCode.Unauthorized, MastodonEffect.Acts, typeof(ChannelOutcome.Unauthorized) },
        { HttpStatusCode.TooManyRequests, MastodonEffect.Acts, typeof(ChannelOutcome.RateLimited) },
        { HttpStatusCode.UnprocessableEntity, MastodonEffect.Acts, typeof(ChannelOutcome.Rejected) },
        { HttpStatusCode.NotFound, MastodonEffect.Acts, typeof(ChannelOutcome.Rejected) },
        { HttpStatusCode.Gone, MastodonEffect.Acts, typeof(ChannelOutcome.Rejected) },
        { HttpStatusCode.Forbidden, MastodonEffect.Acts, typeof(ChannelOutcome.Rejected) },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void An_error_status_maps_to(HttpStatusCode status, MastodonEffect effect, Type expected) =>
        Assert.IsType(expected, MastodonAnswers.FromError(status, "{\"error\":\"x\"}", null, Now, effect));

    [Fact]
    public void A_422_keeps_Mastodon_s_validation_text() =>
        Assert.Equal(new ChannelOutcome.Rejected(422, "Validation failed: Text character limit of 500 exceeded"),
            MastodonAnswers.FromError(HttpStatusCode.UnprocessableEntity, "{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}", null, Now, MastodonEffect.Acts));

    [Fact]
    public void A_429_waits_for_X_RateLimit_Reset_or_five_minutes_without_it()
    {
        var reset = MastodonAnswers.ParseReset("2026-12-07T09:05:00.000000Z");
        Assert.Equal(new DateTime(2026, 12, 7, 9, 5, 0, DateTimeKind.Utc), reset);
        Assert.Equal(reset, Assert.IsType<ChannelOutcome.RateLimited>(MastodonAnswers.FromError(HttpStatusCode.TooManyRequests, "{\"error\":\"Too many requests\"}", reset, Now, MastodonEffect.Acts)).UntilUtc);
        Assert.Equal(Now.AddMinutes(5), Assert.IsType<ChannelOutcome.RateLimited>(MastodonAnswers.FromError(HttpStatusCode.TooManyRequests, "<html>", null, Now, MastodonEffect.Acts)).UntilUtc);
        Assert.Null(MastodonAnswers.ParseReset("soon"));
    }

    [Fact]
    public void An_OAuth_error_keeps_its_description() =>
        Assert.Equal("invalid_grant: The provided authorization grant is invalid", MastodonAnswers.ErrorText("{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant is invalid\"}"));

    [Fact]
    public void A_body_that_is_not_JSON_gives_the_status_code_as_detail() =>
        Assert.Equal(new ChannelOutcome.Rejected(403, "403"), MastodonAnswers.FromError(HttpStatusCode.Forbidden, "<html>Forbidden</html>", null, Now, MastodonEffect.Acts));

    [Theory]
    [InlineData(HttpRequestError.ConnectionError, false, MastodonEffect.Acts, typeof(ChannelOutcome.NotSent))]
    [InlineData(HttpRequestError.NameResolutionError, false, MastodonEffect.Acts, typeof(ChannelOutcome.NotSent))]
    [InlineData(HttpRequestError.SecureConnectionError, false, MastodonEffect.Acts, typeof(ChannelOutcome.NotSent))]
    [InlineData(HttpRequestError.ResponseEnded, false, MastodonEffect.Acts, typeof(ChannelOutcome.Ambiguous))]
    [InlineData(HttpRequestError.Unknown, false, MastodonEffect.Acts, typeof(ChannelOutcome.Ambiguous))]
    [InlineData(HttpRequestError.ResponseEnded, false, MastodonEffect.None, typeof(ChannelOutcome.NotSent))]
    [InlineData(null, true, MastodonEffect.Acts, typeof(ChannelOutcome.Ambiguous))]
    [InlineData(null, true, MastodonEffect.None, typeof(ChannelOutcome.NotSent))]
    public void A_request_without_an_answer_is_not_sent_only_if_the_connection_was_never_made(HttpRequestError? error, bool timedOut, MastodonEffect effect, Type expected) =>
        Assert.IsType(expected, MastodonAnswers.FromTransport(error, timedOut, effect));

    [Fact]
    public void An_unreadable_success_after_a_create_is_ambiguous()
    {
        Assert.IsType<ChannelOutcome.Ambiguous>(MastodonAnswers.Unreadable(MastodonEffect.Acts));
        Assert.IsType<ChannelOutcome.NotSent>(MastodonAnswers.Unreadable(MastodonEffect.None));
    }

    [Fact]
    public void The_next_page_is_followed_only_on_the_instance()
    {
        var instance = new Uri("https://social.numerique.gouv.fr/");
        var header = "<https://social.numerique.gouv.fr/api/v1/accounts/1/statuses?limit=40&max_id=7>; rel=\"next\", <https://social.numerique.gouv.fr/api/v1/accounts/1/statuses?min_id=9>; rel=\"prev\"";
        Assert.Equal("api/v1/accounts/1/statuses?limit=40&max_id=7", MastodonLinks.SameInstance(instance, MastodonLinks.Next(header)));
        Assert.Null(MastodonLinks.SameInstance(instance, "https://evil.example/api/v1/accounts/1/statuses?max_id=7"));
        Assert.Null(MastodonLinks.SameInstance(instance, "http://social.numerique.gouv.fr/api/v1/x"));
        Assert.Null(MastodonLinks.Next("<https://a/x>; rel=\"prev\""));
    }

    [Theory]
    [InlineData("social.numerique.gouv.fr", "https://social.numerique.gouv.fr/")]
    [InlineData("https://social.numerique.gouv.fr/@police", "https://social.numerique.gouv.fr/")]
    [InlineData("http://127.0.0.1:5399", "http://127.0.0.1:5399/")]
    public void An_instance_address_is_its_origin(string given, string expected) =>
        Assert.Equal(expected, MastodonInstance.Parse(given).AbsoluteUri);

    [Theory]
    [InlineData("http://social.numerique.gouv.fr")]
    [InlineData("ftp://social.numerique.gouv.fr")]
    [InlineData("")]
    public void An_instance_must_be_https(string given) =>
        Assert.Throws<ArgumentException>(() => MastodonInstance.Parse(given));
}
