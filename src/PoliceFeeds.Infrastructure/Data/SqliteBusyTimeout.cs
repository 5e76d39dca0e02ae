using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PoliceFeeds.Infrastructure.Data;

/// <summary>
/// Lets SQLite itself wait for the write lock (<c>PRAGMA busy_timeout</c>) on every connection EF Core opens. Without it,
/// Microsoft.Data.Sqlite answers a busy database by putting the thread to sleep for a fixed 150 ms and trying again:
/// with the publisher's parallel workers each writing a few rows, most of a publication's time went in those sleeps.
/// SQLite's own handler retries after 1, 2, 5, 10… ms, so a writer gets the lock soon after the previous one commits.
/// </summary>
internal sealed class SqliteBusyTimeout(TimeSpan timeout) : DbConnectionInterceptor
{
    private readonly string _pragma = $"PRAGMA busy_timeout = {(long)timeout.TotalMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
