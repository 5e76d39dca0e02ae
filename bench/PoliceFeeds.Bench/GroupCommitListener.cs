using System.Diagnostics.Metrics;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Bench;

/// <summary>Adds up the group commit's own metrics: how many groups, how many writes, how long its single loop was busy.</summary>
internal sealed class GroupCommitListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _groups;
    private long _writes;
    private double _busyMs;

    public GroupCommitListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GroupCommitWriter.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (_listener)
            {
                _busyMs += value;
                _groups++;
            }
        });
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => Interlocked.Add(ref _writes, value));
        _listener.Start();
    }

    public long Groups => Interlocked.Read(ref _groups);

    public long Writes => Interlocked.Read(ref _writes);

    public double BusyMs
    {
        get
        {
            lock (_listener)
            {
                return _busyMs;
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
