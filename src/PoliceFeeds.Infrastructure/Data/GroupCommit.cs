namespace PoliceFeeds.Infrastructure.Data;

/// <summary>
/// Work a group's writes leave for the end of the group, done once for all of them in the same transaction, before the
/// save and the commit (for example, bringing every touched message's status in step with its deliveries: one read and
/// one update per kind of change instead of three statements per write).
/// </summary>
public interface IGroupCommitStep
{
    Task RunAsync(PoliceFeedsDbContext db, CancellationToken cancellationToken);
}

/// <summary>One group of the <see cref="GroupCommitWriter"/>: the steps its writes asked for (one of each kind).</summary>
public sealed class GroupCommit
{
    private readonly List<IGroupCommitStep> _steps = [];

    /// <summary>The group's step of this kind, created on first use; it runs after the group's last write.</summary>
    public T Step<T>()
        where T : class, IGroupCommitStep, new()
    {
        if (_steps.OfType<T>().FirstOrDefault() is { } existing)
        {
            return existing;
        }

        var step = new T();
        _steps.Add(step);
        return step;
    }

    internal async Task FinishAsync(PoliceFeedsDbContext db, CancellationToken cancellationToken)
    {
        foreach (var step in _steps)
        {
            await step.RunAsync(db, cancellationToken);
        }
    }
}
