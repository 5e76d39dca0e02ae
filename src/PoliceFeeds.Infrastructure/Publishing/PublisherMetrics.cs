using System.Diagnostics.Metrics;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>Metrics of the publisher (System.Diagnostics.Metrics, exportable with OpenTelemetry).</summary>
public sealed class PublisherMetrics
{
    public const string MeterName = "PoliceFeeds.Publisher";

    private readonly Counter<long> _published;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _withdrawn;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _reconciled;

    public PublisherMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _published = meter.CreateCounter<long>("policefeeds.publisher.published", description: "Messages published (X or sandbox).");
        _withdrawn = meter.CreateCounter<long>("policefeeds.publisher.withdrawn", description: "Posts deleted (person found, deviation ended, by hand).");
        _failed = meter.CreateCounter<long>("policefeeds.publisher.failed", description: "Messages that gave up after their attempts or were refused.");
        _retried = meter.CreateCounter<long>("policefeeds.publisher.rescheduled", description: "Attempts rescheduled after a transient failure, a rate limit or a hold.");
        _attempts = meter.CreateCounter<long>("policefeeds.publisher.attempts", description: "Calls made to X (or the sandbox) to publish.");
        _reconciled = meter.CreateCounter<long>("policefeeds.publisher.reconciled", description: "Looks at an account's recent posts for a possibly-sent delivery, by verdict.");
        _lag = meter.CreateHistogram<double>("policefeeds.publisher.due_to_request_lag", unit: "ms", description: "Time from a message's due time to its publish request.");
    }

    public void Published(string mode) => _published.Add(1, new KeyValuePair<string, object?>("mode", mode));

    public void Withdrawn(string mode) => _withdrawn.Add(1, new KeyValuePair<string, object?>("mode", mode));

    public void Failed(string reason) => _failed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Rescheduled(string reason) => _retried.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Attempt(string mode) => _attempts.Add(1, new KeyValuePair<string, object?>("mode", mode));

    public void Reconciled(string verdict) => _reconciled.Add(1, new KeyValuePair<string, object?>("verdict", verdict));

    public void Lag(TimeSpan lag, string mode) => _lag.Record(Math.Max(0, lag.TotalMilliseconds), new KeyValuePair<string, object?>("mode", mode));
}
