using Microsoft.EntityFrameworkCore;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Pages.Messages;
using PoliceFeeds.Web.Pages.Report;

namespace PoliceFeeds.IntegrationTests.Foundation;

/// <summary>
/// The app's queries, built against a context on EF Core's SQL Server provider with a connection string that is never
/// opened. Adding a query is one line: <c>Add("name", db =&gt; the IQueryable)</c>.
/// </summary>
public static class SqlServerQueryCatalog
{
    private static readonly DateTime Now = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime[] Months = [new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc)];

    public static IReadOnlyList<(string Name, Func<PoliceFeedsDbContext, IQueryable> Build)> All { get; } = Build();

    /// <summary>A report query as ReportQuery runs it: its month function rewritten into a CASE over the boundaries.</summary>
    private static IQueryable<T> Report<T>(IQueryable<T> query) =>
        query.Provider.CreateQuery<T>(new ReportSql.Rewriter(Months).Visit(query.Expression));

    private static List<(string, Func<PoliceFeedsDbContext, IQueryable>)> Build()
    {
        var list = new List<(string, Func<PoliceFeedsDbContext, IQueryable>)>();
        void Add(string name, Func<PoliceFeedsDbContext, IQueryable> build) => list.Add((name, build));
        int[] departments = [1, 2, 3];
        long? after = 500;
        DateTime? start = Months[0], end = Months[^1];

        // Department home (Pages/Messages/Index): counts, open appeals, filters, text search, keyset paging.
        Add("home counts by status", db => MessageListQuery.CountsByStatus(db, 1));
        Add("home open appeals", db => MessageListQuery.OpenAppeals(db, 1, new OpenAppealsFilter(4, Now)));
        Add("home page", db => MessageListQuery.Page(db, new MessageListFilter(1, MessageStatus.Submitted, 2, start, end, "deviation", null, after)));
        Add("home page of open appeals", db => MessageListQuery.Page(db, new MessageListFilter(1, OpenAppeals: new OpenAppealsFilter(4, Now))));
        // Message page and compose page.
        Add("message with photos", db => db.Messages.Include(m => m.Photos).Where(m => m.Id == 42));
        Add("message photos", db => db.MessagePhotos.AsNoTracking().Where(p => p.MessageId == 42).OrderBy(p => p.Position).Select(p => new { p.Id, p.AltText, p.ContentType }));
        Add("photo with its department", db => db.MessagePhotos.AsNoTracking().Where(p => p.Id == 7 && p.MessageId == 42)
            .Join(db.Messages, p => p.MessageId, m => m.Id, (p, m) => new { p.Content, p.ContentType, m.DepartmentId }));
        Add("follow-ups of a message", db => db.Messages.AsNoTracking().Where(m => m.InReplyToMessageId == 42).OrderBy(m => m.Id));
        Add("message history", db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "Message" && a.EntityId == "42").OrderBy(a => a.AtUtc).ThenBy(a => a.Id));
        Add("user names", db => db.Users.AsNoTracking().Where(u => new[] { "a", "b" }.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }));
        Add("account handle", db => db.PublishingAccounts.AsNoTracking().Where(a => a.DepartmentId == 1).Select(a => a.Handle));
        Add("sandbox timeline", db => db.SandboxPosts.AsNoTracking().Where(p => p.DepartmentId == 1 && p.Id < after).OrderByDescending(p => p.Id).Take(50));
        // Administration: departments with accounts, one X account per department, audit trail filters.
        Add("departments with accounts", db => db.Departments.AsNoTracking().Include(d => d.Accounts).OrderBy(d => d.Code));
        Add("a member's departments", db => PoliceFeeds.Web.Security.CurrentUser.MemberDepartments(db, "user-id"));
        Add("x account connected elsewhere", db => db.PublishingAccounts.AsNoTracking().Where(a => a.RemoteUserId == "1234" && a.Id != 1).Join(db.Departments, a => a.DepartmentId, d => d.Id, (a, d) => d.Code));
        Add("audit actions", db => db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a));
        Add("audit filtered", db =>
        {
            var ids = db.Users.Where(u => u.Email!.Contains("dupont") || u.DisplayName.Contains("dupont")).Select(u => u.Id);
            return db.AuditEntries.AsNoTracking().Where(a => a.DepartmentId == 1 && (ids.Contains(a.ActorId) || (a.ActorName != null && a.ActorName.Contains("dupont")))
                && a.Action == "message.approved" && a.AtUtc >= Months[0] && a.AtUtc < Months[2]).OrderByDescending(a => a.Id).Take(100);
        });
        // Publisher (Infrastructure/Publishing): the publisher's own due query (written once), its order, leases.
        Add("publisher due deliveries", db => PoliceFeeds.Infrastructure.Publishing.DueDeliveries.Query(db, Now, TimeSpan.FromSeconds(15))
            .OrderBy(x => x.DueAtUtc).ThenBy(x => x.Id).Take(100));
        Add("publisher expired leases", db => db.Deliveries.AsNoTracking()
            .Where(d => (d.Status == DeliveryStatus.Sending || d.Status == DeliveryStatus.Withdrawing) && d.LeaseExpiresAtUtc != null).Select(d => d.LeaseExpiresAtUtc));
        Add("possibly sent deliveries of an account", db => db.Deliveries.AsNoTracking().Where(d => d.AccountId == 1 && d.PossiblySentSinceUtc != null).OrderBy(d => d.PossiblySentSinceUtc));
        Add("group commit message summaries", db => PoliceFeeds.Infrastructure.Publishing.MessageSummaries.Read(db, [1, 2, 3]));
        Add("group commit first posts", db => db.Messages.Where(m => new long[] { 1, 2 }.Contains(m.Id) && m.XPostId == null)
            .Select(m => PoliceFeeds.Infrastructure.Publishing.FirstPosts.Posted(db).Where(d => d.MessageId == m.Id).OrderBy(d => d.SentAtUtc).ThenBy(d => d.Id).Select(d => d.RemotePostUrl).FirstOrDefault()));
        Add("publishing switch", db => db.PublishingSettings.AsNoTracking().Select(s => s.PublishingEnabled));
        Add("time-bound deviations ending", db => db.Messages.AsNoTracking().Where(m => m.EndsAtUtc <= Now && m.EndedAtUtc == null && m.Status == MessageStatus.Published).OrderBy(m => m.EndsAtUtc).Take(20));
        Add("time-bound redactions due", db => db.Messages.AsNoTracking().Where(m => m.RedactAtUtc <= Now && m.RedactedAtUtc == null).OrderBy(m => m.RedactAtUtc).Take(20));
        // Pilot report (Pages/Report): figures by department, category and month.
        Add("report created", db => Report(db.Messages.AsNoTracking().Where(m => departments.Contains(m.DepartmentId) && m.CreatedAtUtc >= start && m.CreatedAtUtc < end)
            .GroupBy(m => new { m.DepartmentId, m.CategoryId, Month = ReportSql.Month(m.CreatedAtUtc) })
            .Select(g => new { g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, Count = g.Count() })));
        Add("report published", db => Report(db.Messages.AsNoTracking().Where(ReportQuery.WasPublished).Where(m => departments.Contains(m.DepartmentId) && m.PublishedAtUtc >= start && m.PublishedAtUtc < end)
            .GroupBy(m => new { m.DepartmentId, m.CategoryId, Month = ReportSql.Month(m.PublishedAtUtc) })
            .Select(g => new { g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, Count = g.Count() })));
        Add("report withdrawn", db => Report(db.Messages.AsNoTracking().Where(m => departments.Contains(m.DepartmentId) && m.Status == MessageStatus.Withdrawn && m.WithdrawnAtUtc >= start && m.WithdrawnAtUtc < end)
            .GroupBy(m => new { m.DepartmentId, m.CategoryId, Month = ReportSql.Month(m.WithdrawnAtUtc) })
            .Select(g => new { g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, Count = g.Count() })));
        Add("report failures by reason", db => Report(
            from m in db.Messages.AsNoTracking()
            join d in db.Deliveries on m.Id equals d.MessageId
            where departments.Contains(m.DepartmentId) && d.Status == DeliveryStatus.Failed && d.FailedAtUtc >= start && d.FailedAtUtc < end
            group d by new { m.DepartmentId, m.CategoryId, Month = ReportSql.Month(d.FailedAtUtc), d.Failure } into g
            select new { g.Key.DepartmentId, g.Key.CategoryId, g.Key.Month, g.Key.Failure, Count = g.Count() }));
        // The report's roll-up of closed months (ReportQuery.Rollup, ReportRollupJob).
        var firstMonth = new DateOnly(2026, 1, 1);
        var lastMonth = new DateOnly(2026, 3, 1);
        Add("report roll-up markers", db => db.ReportRollupMonths.AsNoTracking().Where(r => departments.Contains(r.DepartmentId) && r.Month >= firstMonth && r.Month <= lastMonth)
            .Select(r => new { r.DepartmentId, r.Month, r.TopPostIds }));
        Add("report roll-up cells", db => db.ReportRollupCells.AsNoTracking().Where(c => departments.Contains(c.DepartmentId) && c.Month >= firstMonth && c.Month <= lastMonth));
        Add("report roll-up months built", db => db.ReportRollupMonths.AsNoTracking().Where(r => departments.Contains(r.DepartmentId))
            .GroupBy(r => r.Month).Select(g => new { Month = g.Key, Departments = g.Count(), OldestBuild = g.Min(r => r.BuiltAtUtc) }));
        Add("report roll-up first message", db => db.Messages.AsNoTracking().Where(m => departments.Contains(m.DepartmentId)).OrderBy(m => m.CreatedAtUtc).Select(m => (DateTime?)m.CreatedAtUtc).Take(1));
        Add("report validation delays", db => db.Messages.AsNoTracking().Where(m => departments.Contains(m.DepartmentId) && m.ValidatedAtUtc >= start && m.ValidatedAtUtc < end && m.SubmittedAtUtc != null)
            .Select(m => new { m.DepartmentId, m.CategoryId, m.SubmittedAtUtc, m.ValidatedAtUtc }));
        Add("report engagement latest snapshot", db =>
            from s in db.PostMetricsSnapshots.AsNoTracking()
            join m in db.Messages on s.MessageId equals m.Id
            where departments.Contains(m.DepartmentId) && m.PublishedAtUtc >= start && m.PublishedAtUtc < end
                && s.TakenAtUtc == db.PostMetricsSnapshots.Where(o => o.MessageId == s.MessageId).Max(o => o.TakenAtUtc)
            orderby s.Impressions descending
            select new { m.Id, m.CategoryId, s.Impressions, s.Likes, s.Reposts });
        Add("report post history", db => db.PostMetricsSnapshots.AsNoTracking().Where(s => s.MessageId == 42).OrderBy(s => s.TakenAtUtc));
        // Engagement job (Infrastructure/Engagement): posts whose metrics are due, per account.
        Add("engagement due posts", db =>
            (from m in db.Messages.AsNoTracking()
             where m.DepartmentId == 1 && m.Status == MessageStatus.Published && m.XPostId != null && m.PublishedAtUtc >= Months[0]
                 && !db.SandboxPosts.Any(p => p.PostId == m.XPostId)
             let last = db.PostMetricsSnapshots.Where(s => s.MessageId == m.Id).Max(s => (DateTime?)s.TakenAtUtc)
             where last == null || (m.PublishedAtUtc >= Months[1] ? last < Now.AddHours(-1) : last < Now.AddDays(-1))
             orderby last, m.Id
             select new { m.Id, m.XPostId }).Take(100));
        Add("engagement accounts", db => db.PublishingAccounts.AsNoTracking().Where(a => a.Mode == AccountMode.Live && a.State == AccountState.Connected && (a.MetricsRateLimitedUntilUtc == null || a.MetricsRateLimitedUntilUtc <= Now)).OrderBy(a => a.Id));
        // Sensitive words and national campaigns.
        Add("sensitive words of a department", db => ValidationRequirements.Phrases(db, 1));
        Add("campaign committed relays", db => PoliceFeeds.Web.Pages.Campaigns.CampaignTextCheck.CommittedRelays(db, 7, 42, 1));
        Add("campaign targets", db => PoliceFeeds.Web.Pages.Campaigns.DetailsModel.RowsQuery(db, 7));
        Add("campaign drafts of a department", db => PoliceFeeds.Web.Pages.Campaigns.CampaignDraftsViewComponent.Drafts(db, 1));
        // Rollout: the admin home's onboarding checklist and the national dashboard (a few national queries, none per department).
        Add("onboarding role members", db => PoliceFeeds.Web.Pages.Admin.OnboardingQuery.Members(db));
        Add("onboarding templates", db => PoliceFeeds.Web.Pages.Admin.OnboardingQuery.Templates(db));
        Add("dashboard departments", db => PoliceFeeds.Web.Pages.Admin.Dashboard.DashboardQuery.ActiveDepartments(db));
        Add("dashboard recent deliveries", db => PoliceFeeds.Web.Pages.Admin.Dashboard.DashboardQuery.RecentDeliveries(db, Months[1]));
        Add("dashboard awaiting validation", db => PoliceFeeds.Web.Pages.Admin.Dashboard.DashboardQuery.AwaitingValidation(db));
        Add("dashboard takedowns", db => PoliceFeeds.Web.Pages.Admin.Dashboard.DashboardQuery.TakedownsInProgress(db));
        Add("import existing e-mails", db => db.Users.AsNoTracking().Where(u => u.NormalizedEmail != null && new List<string> { "A@B.FR", "C@D.FR" }.Contains(u.NormalizedEmail)).Select(u => u.Email));
        return list;
    }
}

/// <summary>
/// SQL Server, verified without a server: every query of <see cref="SqlServerQueryCatalog"/> is translated by EF Core's
/// SQL Server provider (<c>ToQueryString</c>) and the T-SQL parses with ScriptDom. A query that only SQLite can run (a
/// function the SQL Server provider cannot translate, client evaluation) fails here.
/// </summary>
public sealed class SqlServerQueryTranslationTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in SqlServerQueryCatalog.All)
        {
            data.Add(name);
        }

        return data;
    }

    private static PoliceFeedsDbContext SqlServer()
    {
        var options = new DbContextOptionsBuilder<PoliceFeedsDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, new DatabaseOptions { Provider = DatabaseProviders.SqlServer, ConnectionString = "Server=never-opened.invalid;Database=PoliceFeeds;TrustServerCertificate=True;Connect Timeout=1" }, ".");
        return new PoliceFeedsDbContext(options.Options);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Translates_to_TSql_that_parses(string name)
    {
        using var db = SqlServer();
        var query = SqlServerQueryCatalog.All.Single(q => q.Name == name).Build(db);

        var sql = query.ToQueryString();

        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, $"{name}:{Environment.NewLine}{sql}{Environment.NewLine}{string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}"))}");
        Assert.Contains("SELECT", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_only_sqlite_can_run_fails()
    {
        using var db = SqlServer();
        // EF.Functions.Glob is SQLite's: the SQL Server provider cannot translate it.
        var sqliteOnly = db.Messages.Where(m => EF.Functions.Glob(m.Text, "*déviation*"));

        Assert.Throws<InvalidOperationException>(() => sqliteOnly.ToQueryString());
    }

    [Fact]
    public void The_catalog_covers_pages_publisher_report_audit_and_engagement()
    {
        var names = SqlServerQueryCatalog.All.Select(q => q.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(new[] { "home", "publisher", "report", "audit", "engagement", "photo", "sandbox" }, area => Assert.Contains(names, n => n.StartsWith(area, StringComparison.Ordinal) || n.Contains(" " + area, StringComparison.Ordinal)));
    }
}
