using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Engagement;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Sandbox;
using PoliceFeeds.Infrastructure.Identity;

namespace PoliceFeeds.Infrastructure.Data;

/// <summary>
/// The one DbContext of PoliceFeeds, for SQLite and SQL Server alike. Each entity has its own configuration class
/// under <c>Data/Configurations</c>.
/// </summary>
public class PoliceFeedsDbContext(DbContextOptions<PoliceFeedsDbContext> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Department> Departments => Set<Department>();

    public DbSet<PublishingAccount> PublishingAccounts => Set<PublishingAccount>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<MessagePhoto> MessagePhotos => Set<MessagePhoto>();

    public DbSet<MessageTarget> MessageTargets => Set<MessageTarget>();

    public DbSet<MessageVariant> MessageVariants => Set<MessageVariant>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<SandboxPost> SandboxPosts => Set<SandboxPost>();

    public DbSet<PostMetricsSnapshot> PostMetricsSnapshots => Set<PostMetricsSnapshot>();

    public DbSet<Core.Reporting.ReportRollupCell> ReportRollupCells => Set<Core.Reporting.ReportRollupCell>();

    public DbSet<Core.Reporting.ReportRollupMonth> ReportRollupMonths => Set<Core.Reporting.ReportRollupMonth>();

    public DbSet<UserDepartment> UserDepartments => Set<UserDepartment>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<PublishingSettings> PublishingSettings => Set<PublishingSettings>();

    public DbSet<Core.Templates.MessageTemplate> MessageTemplates => Set<Core.Templates.MessageTemplate>();

    /// <summary>Photos of refused compose forms, kept for their uploader until used or expired.</summary>
    public DbSet<Core.Photos.PendingPhoto> PendingPhotos => Set<Core.Photos.PendingPhoto>();

    /// <summary>Words that force validation: the national list (no department) and each department's additions.</summary>
    public DbSet<Core.SensitiveWords.SensitiveWord> SensitiveWords => Set<Core.SensitiveWords.SensitiveWord>();

    public DbSet<Core.Campaigns.Campaign> Campaigns => Set<Core.Campaigns.Campaign>();

    public DbSet<Core.Campaigns.CampaignDepartment> CampaignDepartments => Set<Core.Campaigns.CampaignDepartment>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PoliceFeedsDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime in the model is UTC; read values come back with Kind = Utc on both providers.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAuditTrail();
        await DeliveryPlanner.PlanAsync(this, cancellationToken);
        BumpConcurrencyTokens();

        // A new message whose first save already carries a status change (created and submitted at once) needs its
        // id before the audit entry can name it: both saves then share one transaction.
        var newMessagesWithChanges = ChangeTracker.Entries<Message>()
            .Where(e => e.State == EntityState.Added && e.Entity.PendingChanges.Count > 0)
            .Select(e => e.Entity)
            .ToList();
        if (newMessagesWithChanges.Count == 0)
        {
            AddAuditEntriesForStatusChanges();
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var pending = newMessagesWithChanges.ToDictionary(m => m, m => m.PendingChanges.ToList());
            newMessagesWithChanges.ForEach(m => m.ClearPendingChanges());
            AddAuditEntriesForStatusChanges();
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            foreach (var (message, changes) in pending)
            {
                AddAuditEntries(message, changes);
            }

            count += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return count;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    private void BumpConcurrencyTokens()
    {
        foreach (var entry in ChangeTracker.Entries<Message>().Where(e => e.State == EntityState.Modified))
        {
            entry.Entity.Version++;
        }

        foreach (var entry in ChangeTracker.Entries<Delivery>().Where(e => e.State == EntityState.Modified))
        {
            entry.Entity.Version++;
        }

        foreach (var entry in ChangeTracker.Entries<PublishingAccount>().Where(e => e.State == EntityState.Modified))
        {
            entry.Entity.Version++;
        }
    }

    /// <summary>Turns the status changes recorded by <see cref="Message"/> into audit entries, in the same save.</summary>
    private void AddAuditEntriesForStatusChanges()
    {
        foreach (var entry in ChangeTracker.Entries<Message>().ToList())
        {
            if (entry.Entity.PendingChanges.Count == 0)
            {
                continue;
            }

            AddAuditEntries(entry.Entity, entry.Entity.PendingChanges.ToList());
            entry.Entity.ClearPendingChanges();
        }
    }

    private void AddAuditEntries(Message message, IEnumerable<MessageStatusChange> changes)
    {
        foreach (var change in changes)
        {
            AuditEntries.Add(new AuditEntry
            {
                AtUtc = change.AtUtc,
                ActorId = change.ActorUserId,
                Action = change.Action,
                EntityType = nameof(Message),
                EntityId = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DepartmentId = message.DepartmentId,
                FromStatus = change.From.ToString(),
                ToStatus = change.To.ToString(),
                Details = change.Reason,
            });
        }
    }

    /// <summary>The audit trail is append-only: the application never updates nor deletes an entry.</summary>
    private void GuardAuditTrail()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are append-only.");
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
