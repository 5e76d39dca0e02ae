namespace PoliceFeeds.FakeX;

/// <summary>The endpoints of the fake, for faults and request counts.</summary>
public enum FakeXEndpoint
{
    CreatePost,
    DeletePost,
    UsersMe,
    UserPosts,
    MediaUpload,
    MediaMetadata,
    PostsLookup,
    Token,
}

/// <summary>What the fake does instead of (or before) answering normally.</summary>
public abstract record FakeXFault
{
    private FakeXFault()
    {
    }

    public static FakeXFault ServerError(int status = 503) => new ServerErrorFault(status);

    public static FakeXFault RateLimited(DateTimeOffset resetAt) => new RateLimitedFault(resetAt);

    public static FakeXFault Unauthorized() => new UnauthorizedFault();

    public static FakeXFault Duplicate() => new DuplicateFault();

    /// <summary>The request is carried out (the post IS created) but the answer never arrives.</summary>
    public static FakeXFault AcceptThenHang() => new AcceptThenHangFault();

    /// <summary>
    /// The request is carried out (the post IS created), then X answers <paramref name="status"/> anyway: a 5xx (X's problem
    /// document), or, with <paramref name="body"/>, that raw body (an answer the client cannot read).
    /// </summary>
    public static FakeXFault AcceptThenAnswer(int status = 503, string? body = null) => new AcceptThenAnswerFault(status, body);

    /// <summary>X answers <c>{"data":{"deleted":false}}</c> to a deletion and the post stays online.</summary>
    public static FakeXFault NotDeleted() => new NotDeletedFault();

    public static FakeXFault Latency(TimeSpan delay) => new LatencyFault(delay);

    /// <summary>
    /// Runs <paramref name="action"/> while the request is in flight (time passing on a fake clock, another instance acting),
    /// then carries on with the endpoint's next scripted fault or answers normally.
    /// </summary>
    public static FakeXFault During(Func<Task> action) => new DuringFault(action);

    /// <summary>Answers normally: scripts a later request's fault, or ends a latency.</summary>
    public static FakeXFault Normal() => new NormalAnswer();

    public sealed record ServerErrorFault(int Status) : FakeXFault;

    public sealed record RateLimitedFault(DateTimeOffset ResetAt) : FakeXFault;

    public sealed record UnauthorizedFault : FakeXFault;

    public sealed record DuplicateFault : FakeXFault;

    public sealed record AcceptThenHangFault : FakeXFault;

    public sealed record AcceptThenAnswerFault(int Status, string? Body) : FakeXFault;

    public sealed record NotDeletedFault : FakeXFault;

    public sealed record LatencyFault(TimeSpan Delay) : FakeXFault;

    public sealed record DuringFault(Func<Task> Action) : FakeXFault;

    public sealed record NormalAnswer : FakeXFault;
}

/// <summary>Faults scripted per endpoint, consumed in order; plus an optional seeded random mode for soak tests.</summary>
public sealed class FakeXFaults
{
    private readonly object _lock = new();
    private readonly Dictionary<FakeXEndpoint, Queue<FakeXFault>> _queues = [];
    private RandomFaults? _random;

    /// <summary>Latency added to every request (after any scripted fault).</summary>
    public TimeSpan BaseLatency { get; set; }

    public void Enqueue(FakeXEndpoint endpoint, params FakeXFault[] faults)
    {
        lock (_lock)
        {
            if (!_queues.TryGetValue(endpoint, out var queue))
            {
                _queues[endpoint] = queue = new Queue<FakeXFault>();
            }

            foreach (var fault in faults)
            {
                queue.Enqueue(fault);
            }
        }
    }

    /// <summary>From now on, each POST /2/tweets fails at random with these probabilities (seeded, so runs repeat).</summary>
    public void UseRandom(int seed, double serverErrorRate, double acceptThenHangRate, double rateLimitRate, TimeSpan rateLimitWindow)
    {
        lock (_lock)
        {
            _random = new RandomFaults(new Random(seed), serverErrorRate, acceptThenHangRate, rateLimitRate, rateLimitWindow);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _queues.Clear();
            _random = null;
        }
    }

    internal FakeXFault? Next(FakeXEndpoint endpoint, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_queues.TryGetValue(endpoint, out var queue) && queue.Count > 0)
            {
                return queue.Dequeue();
            }

            if (_random is { } random && endpoint == FakeXEndpoint.CreatePost)
            {
                var roll = random.Random.NextDouble();
                if (roll < random.ServerErrorRate)
                {
                    return FakeXFault.ServerError(503);
                }

                if (roll < random.ServerErrorRate + random.AcceptThenHangRate)
                {
                    return FakeXFault.AcceptThenHang();
                }

                if (roll < random.ServerErrorRate + random.AcceptThenHangRate + random.RateLimitRate)
                {
                    return FakeXFault.RateLimited(now + random.RateLimitWindow);
                }
            }

            return null;
        }
    }

    private sealed record RandomFaults(Random Random, double ServerErrorRate, double AcceptThenHangRate, double RateLimitRate, TimeSpan RateLimitWindow);
}
