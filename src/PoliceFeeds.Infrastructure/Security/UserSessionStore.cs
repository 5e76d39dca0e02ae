using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Sessions;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;

namespace PoliceFeeds.Infrastructure.Security;

/// <summary>
/// The server-side record of each sign-in. The authentication cookie names its record; every request checks it (one
/// primary-key read on <c>UserSessions</c> joined to the user), so ending a record ends the session on every instance
/// at its next request: logout, an admin's deactivation or lock, a password reset, a role change. A session also ends
/// after its absolute lifetime (<see cref="SessionOptions.AbsoluteLifetime"/>).
/// </summary>
public sealed class UserSessionStore(PoliceFeedsDbContext db, TimeProvider timeProvider, IOptions<SessionOptions> options)
{
    /// <summary>The claim of the authentication cookie that names its session record.</summary>
    public const string Claim = "policefeeds:sid";

    private static readonly Func<PoliceFeedsDbContext, string, string, Task<SessionRow?>> FindLive =
        EF.CompileAsyncQuery((PoliceFeedsDbContext context, string id, string userId) =>
            context.UserSessions
                .Where(s => s.Id == id && s.UserId == userId)
                .Join(context.Users, s => s.UserId, u => u.Id, (s, u) => new SessionRow(s.CreatedAtUtc, s.LastSeenAtUtc, s.EndedAtUtc, u.IsActive))
                .FirstOrDefault());

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>Records a new sign-in and returns its id; deletes the user's records ended long ago.</summary>
    public async Task<string> StartAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var endedBefore = now - SessionPolicy.Retention;
        var seenBefore = endedBefore - SessionPolicy.IdleTimeout;
        await db.UserSessions
            .Where(s => s.UserId == userId && ((s.EndedAtUtc != null && s.EndedAtUtc < endedBefore) || s.LastSeenAtUtc < seenBefore))
            .ExecuteDeleteAsync(cancellationToken);

        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var session = new UserSession { Id = id, UserId = userId, CreatedAtUtc = now, LastSeenAtUtc = now };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(session).State = EntityState.Detached;
        return id;
    }

    /// <summary>Whether the session may go on: not ended, not idle too long, not past its absolute lifetime, its user still active.</summary>
    public async Task<bool> IsLiveAsync(string sessionId, string userId, CancellationToken cancellationToken = default)
    {
        var row = await FindLive(db, sessionId, userId);
        var now = Now;
        if (row is null || !row.UserIsActive || !SessionPolicy.IsLive(row.CreatedAtUtc, row.LastSeenAtUtc, row.EndedAtUtc, now, options.Value.AbsoluteLifetime))
        {
            return false;
        }

        if (SessionPolicy.ShouldTouch(row.LastSeenAtUtc, now))
        {
            await db.UserSessions.Where(s => s.Id == sessionId && s.EndedAtUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAtUtc, now), cancellationToken);
        }

        return true;
    }

    /// <summary>Ends one session (logout, a new sign-in from the same browser).</summary>
    public Task EndAsync(string sessionId, string reason, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return db.UserSessions.Where(s => s.Id == sessionId && s.EndedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAtUtc, (DateTime?)now).SetProperty(s => s.EndReason, reason), cancellationToken);
    }

    /// <summary>
    /// Ends every open session of a user (deactivation, lock, password or second-factor reset, role change), but
    /// <paramref name="exceptSessionId"/> when given (the one the user is using to change their own password or roles).
    /// </summary>
    public Task<int> EndAllAsync(string userId, string reason, string? exceptSessionId = null, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return db.UserSessions.Where(s => s.UserId == userId && s.EndedAtUtc == null && s.Id != exceptSessionId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAtUtc, (DateTime?)now).SetProperty(s => s.EndReason, reason), cancellationToken);
    }

    private sealed record SessionRow(DateTime CreatedAtUtc, DateTime LastSeenAtUtc, DateTime? EndedAtUtc, bool UserIsActive);
}
