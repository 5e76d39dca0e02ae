namespace PoliceFeeds.Core.Publishing;

/// <summary>What a call to a publishing channel came to, in terms no channel owns (X, training timeline, later others).</summary>
public abstract record ChannelOutcome
{
    private ChannelOutcome()
    {
    }

    /// <summary>Done: the post was created (its id and address), or deleted (ids null).</summary>
    public sealed record Done(string? PostId = null, string? PostUrl = null) : ChannelOutcome;

    /// <summary>Unavailable, and the request certainly did not reach the channel.</summary>
    public sealed record NotSent(string Detail) : ChannelOutcome;

    /// <summary>Unavailable after the request was sent: the channel may have acted on it.</summary>
    public sealed record Ambiguous(string Detail) : ChannelOutcome;

    public sealed record RateLimited(DateTime UntilUtc, string Detail) : ChannelOutcome;

    /// <summary>
    /// The credentials were refused, and the channel marked the account "to reconnect" unless
    /// <paramref name="CredentialsChanged"/>: they were replaced since the worker read them (an administrator reconnected
    /// the account, another instance refreshed its token): not the account's fault.
    /// </summary>
    public sealed record Unauthorized(string Detail, bool CredentialsChanged = false) : ChannelOutcome;

    /// <summary>The account has no usable credentials: nothing was sent.</summary>
    public sealed record NoCredentials : ChannelOutcome;

    /// <summary>Refused as identical to a recent post of the account.</summary>
    public sealed record Duplicate(string Detail) : ChannelOutcome;

    /// <summary>A reply refused by the channel's reply rule (X, since 23 February 2026).</summary>
    public sealed record ReplyRefused(string Detail) : ChannelOutcome;

    /// <summary>Any other refusal.</summary>
    public sealed record Rejected(int StatusCode, string Detail) : ChannelOutcome;

    /// <summary>The remote detail of a failure (kept apart from the code), or null.</summary>
    public string? RemoteDetail => this switch
    {
        NotSent(var d) => d,
        Ambiguous(var d) => d,
        RateLimited(_, var d) => d,
        Unauthorized(var d, _) => d,
        Duplicate(var d) => d,
        ReplyRefused(var d) => d,
        Rejected(var s, var d) => $"{s} {d}",
        _ => null,
    };
}
