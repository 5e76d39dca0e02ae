using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Rollout;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Admin.Dashboard;

/// <summary>The national picture at one instant: the national switch and one row per active department.</summary>
public sealed record DashboardSnapshot(DateTime AtUtc, bool NationalPaused, IReadOnlyList<DashboardRow> Rows);

/// <summary>
/// Gathers the national dashboard in five queries whatever the number of departments (provider-neutral: plain filters,
/// joins and group counts), then counts each department's day and week in its own time zone (<see cref="NationalDashboard"/>).
/// </summary>
public static class DashboardQuery
{
    public static async Task<DashboardSnapshot> LoadAsync(PoliceFeedsDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var nationalPaused = !await db.PublishingSettings.AsNoTracking().Select(s => s.PublishingEnabled).SingleAsync(cancellationToken);
        var departments = await ActiveDepartments(db).ToListAsync(cancellationToken);

        // Nothing before the earliest department's Monday can count for anyone: one bounded read of the week's deliveries.
        var since = NationalDashboard.EarliestWeekStartUtc(nowUtc, departments.Select(d => d.TimeZoneId));
        var recent = await RecentDeliveries(db, since).ToListAsync(cancellationToken);
        var awaiting = await AwaitingValidation(db).ToDictionaryAsync(g => g.DepartmentId, g => g.Count, cancellationToken);
        var takedowns = await TakedownsInProgress(db).ToDictionaryAsync(g => g.DepartmentId, g => g.Count, cancellationToken);
        return new DashboardSnapshot(nowUtc, nationalPaused, NationalDashboard.Build(nowUtc, departments, recent, awaiting, takedowns));
    }

    public static IQueryable<DashboardDepartment> ActiveDepartments(PoliceFeedsDbContext db) =>
        db.Departments.AsNoTracking()
            .Where(d => d.IsActive)
            .OrderBy(d => d.Code)
            .Select(d => new DashboardDepartment(
                d.Id, d.Code, d.Name, d.ServiceName, d.TimeZoneId, d.PublishingPaused,
                d.Accounts.Any(a => a.State == AccountState.NeedsReconnecting)));

    public static IQueryable<DashboardDelivery> RecentDeliveries(PoliceFeedsDbContext db, DateTime since) =>
        db.Deliveries.AsNoTracking()
            .Where(d => d.SentAtUtc >= since || (d.Status == DeliveryStatus.Failed && d.FailedAtUtc >= since))
            .Select(d => new DashboardDelivery(d.DepartmentId, d.SentAtUtc, d.FailedAtUtc, d.Status == DeliveryStatus.Failed));

    public static IQueryable<DepartmentCount> AwaitingValidation(PoliceFeedsDbContext db) =>
        db.Messages.AsNoTracking()
            .Where(m => m.Status == MessageStatus.Submitted)
            .GroupBy(m => m.DepartmentId)
            .Select(g => new DepartmentCount(g.Key, g.Count()));

    /// <summary>Withdrawal requested or under way, or a check that deletes the post if it finds it.</summary>
    public static IQueryable<DepartmentCount> TakedownsInProgress(PoliceFeedsDbContext db) =>
        db.Deliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.WithdrawalRequested || d.Status == DeliveryStatus.Withdrawing
                || (d.Status == DeliveryStatus.CheckRequested && d.WithdrawIfFound))
            .GroupBy(d => d.DepartmentId)
            .Select(g => new DepartmentCount(g.Key, g.Count()));
}

public sealed record DepartmentCount(int DepartmentId, int Count);
