namespace PoliceFeeds.FakeMastodon;

/// <summary>The endpoints of the fake, for faults and request counts.</summary>
public enum FakeMastodonEndpoint
{
    CreateStatus,
    DeleteStatus,
    AccountStatuses,
    StatusSource,
    GetStatus,
    UploadMedia,
    GetMedia,
    VerifyCredentials,
    Instance,
    Apps,
    Token,
}

/// <summary>What the fake does instead of (or around) answering normally.</summary>
public abstract record FakeMastodonFault
{
    private FakeMastodonFault()
    {
    }

    /// <summary>Answers <paramref name="status"/> without doing anything.</summary>
    public static FakeMastodonFault ServerError(int status = 503) => new ServerErrorFault(status);

    /// <summary>Carries the request out (the status IS created), then answers <paramref name="status"/> anyway.</summary>
    public static FakeMastodonFault AcceptThenAnswer(int status = 500) => new AcceptThenAnswerFault(status);

    /// <summary>Carries the request out (the status IS created), then drops the connection without an answer.</summary>
    public static FakeMastodonFault AcceptThenDrop() => new AcceptThenDropFault();

    /// <summary>Waits before handling the request (a slow instance).</summary>
    public static FakeMastodonFault Latency(TimeSpan delay) => new LatencyFault(delay);

    public sealed record ServerErrorFault(int Status) : FakeMastodonFault;

    public sealed record AcceptThenAnswerFault(int Status) : FakeMastodonFault;

    public sealed record AcceptThenDropFault : FakeMastodonFault;

    public sealed record LatencyFault(TimeSpan Delay) : FakeMastodonFault;
}

/// <summary>Faults scripted per endpoint, consumed in order.</summary>
public sealed class FakeMastodonFaults
{
    private readonly object _lock = new();
    private readonly Dictionary<FakeMastodonEndpoint, Queue<FakeMastodonFault>> _queues = [];

    public void Enqueue(FakeMastodonEndpoint endpoint, params FakeMastodonFault[] faults)
    {
        lock (_lock)
        {
            if (!_queues.TryGetValue(endpoint, out var queue))
            {
                _queues[endpoint] = queue = new Queue<FakeMastodonFault>();
            }

            foreach (var fault in faults)
            {
                queue.Enqueue(fault);
            }
        }
    }

    internal FakeMastodonFault? Next(FakeMastodonEndpoint endpoint)
    {
        lock (_lock)
        {
            return _queues.TryGetValue(endpoint, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
        }
    }
}

/// <summary>How the fake behaves where tests want to vary it; Mastodon's behaviour by default.</summary>
public sealed class FakeMastodonBehaviour
{
    /// <summary>Whether <c>Idempotency-Key</c> is honoured (Mastodon: yes, for an hour). Off: every create makes a status.</summary>
    public bool HonourIdempotencyKey { get; set; } = true;

    /// <summary>How long a key is kept (Mastodon: <c>redis.setex(key, 3_600, id)</c>).</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The limit the instance advertises and enforces (<c>StatusLengthValidator::MAX_CHARS</c>).</summary>
    public int MaxCharacters { get; set; } = 500;

    /// <summary>A limit enforced that differs from the advertised one (an instance that changed it since a client read it).</summary>
    public int? EnforcedMaxCharacters { get; set; }

    /// <summary>Media processed in the background: the upload answers 202, then each poll 206 this many times, then 200.</summary>
    public int MediaProcessingPolls { get; set; }

    /// <summary>Whether <c>GET /api/v1/statuses/:id/source</c> exists (Mastodon 3.5+; other servers may lack it).</summary>
    public bool SourceEndpoint { get; set; } = true;

    public int DescriptionLimit { get; set; } = 1500;
}
