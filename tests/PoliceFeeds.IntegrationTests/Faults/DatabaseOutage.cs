using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PoliceFeeds.IntegrationTests.Faults;

/// <summary>Simulates a database that stops answering: while <see cref="Down"/>, every connection fails to open.</summary>
public sealed class DatabaseOutage : DbConnectionInterceptor
{
    public volatile bool Down;

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        Down ? throw Failure() : result;

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        Down ? throw Failure() : ValueTask.FromResult(result);

    // SQLITE_CANTOPEN: what a missing volume or a lost network share looks like to the provider.
    private static SqliteException Failure() => new("unable to open database file (simulated outage)", 14);
}
