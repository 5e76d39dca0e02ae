using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PoliceFeeds.Infrastructure.Data;

/// <summary>
/// Lets SQLite itself wait for the write lock (<c>sqlite3_busy_timeout</c>) on every connection EF Core opens. Without it,
/// Microsoft.Data.Sqlite answers a busy database by putting the thread to sleep for a fixed 150 ms and trying again:
/// with the publisher's parallel workers each writing a few rows, most of a publication's time went in those sleeps.
/// SQLite's own handler retries after 1, 2, 5, 10… ms, so a writer gets the lock soon after the previous one commits.
/// It is set by a direct call on the connection's handle, not by a <c>PRAGMA</c> statement: a pooled connection is opened
/// for every request, and the statement cost each page a round of EF Core's command work.
/// </summary>
internal sealed class SqliteBusyTimeout(TimeSpan timeout) : DbConnectionInterceptor
{
    private readonly int _milliseconds = (int)timeout.TotalMilliseconds;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        var handle = ((SqliteConnection)connection).Handle;
        var result = SQLitePCL.raw.sqlite3_busy_timeout(handle, _milliseconds);
        if (result != SQLitePCL.raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"SQLite refused the busy timeout (error {result}).");
        }
    }
}
