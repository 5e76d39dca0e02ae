using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Networks.Mastodon;

/// <summary>
/// PoliceFeeds's app as registered on one instance for one redirect address: registered once, then reused for every
/// account connected there. Its client id and secret are encrypted (this network's purpose).
/// </summary>
public sealed class MastodonInstanceApp
{
    public const int MaxRedirectUriLength = 300;

    public int Id { get; set; }

    /// <summary>The instance's base address (<see cref="MastodonInstance.Parse"/>).</summary>
    public required string InstanceUrl { get; set; }

    public required string RedirectUri { get; set; }

    /// <summary>The client id and secret, serialised then encrypted with Data Protection.</summary>
    public required string ProtectedClient { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class MastodonInstanceAppConfiguration : IEntityTypeConfiguration<MastodonInstanceApp>
{
    public void Configure(EntityTypeBuilder<MastodonInstanceApp> builder)
    {
        builder.ToTable("MastodonInstanceApps");
        builder.Property(a => a.InstanceUrl).HasMaxLength(Core.Accounts.PublishingAccount.MaxServerUrlLength).IsRequired();
        builder.Property(a => a.RedirectUri).HasMaxLength(MastodonInstanceApp.MaxRedirectUriLength).IsRequired();
        builder.Property(a => a.ProtectedClient).HasMaxLength(2000).IsRequired();
        builder.HasIndex(a => new { a.InstanceUrl, a.RedirectUri }).IsUnique();
    }
}

/// <summary>The app of an instance: the one stored, or registered now and stored (a concurrent registration keeps the first).</summary>
public sealed class MastodonInstanceApps(PoliceFeedsDbContext db, MastodonClient client, IDataProtectionProvider dataProtection, TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDataProtector _protector = dataProtection.CreateProtector(DbMastodonConnections.Purpose + ".App");

    /// <summary>The stored app, or null when none was registered for this instance and redirect address.</summary>
    public async Task<MastodonApp?> FindAsync(Uri instance, string redirectUri, CancellationToken cancellationToken)
    {
        var row = await db.Set<MastodonInstanceApp>().AsNoTracking()
            .SingleOrDefaultAsync(a => a.InstanceUrl == instance.AbsoluteUri && a.RedirectUri == redirectUri, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var client = JsonSerializer.Deserialize<StoredClient>(_protector.Unprotect(row.ProtectedClient), Json)!;
        return new MastodonApp(instance, client.ClientId, client.ClientSecret, redirectUri);
    }

    /// <summary>The app of <paramref name="instance"/>, registered there first if need be (the instance's refusal comes back as is).</summary>
    public async Task<MastodonCall<MastodonApp>> GetOrRegisterAsync(Uri instance, string redirectUri, CancellationToken cancellationToken)
    {
        if (await FindAsync(instance, redirectUri, cancellationToken) is { } known)
        {
            return MastodonCall<MastodonApp>.Ok(known);
        }

        var registered = await client.RegisterAppAsync(instance, cancellationToken, redirectUri);
        if (registered.Value is not { } app)
        {
            return registered;
        }

        db.Set<MastodonInstanceApp>().Add(new MastodonInstanceApp
        {
            InstanceUrl = instance.AbsoluteUri,
            RedirectUri = redirectUri,
            ProtectedClient = _protector.Protect(JsonSerializer.Serialize(new StoredClient(app.ClientId, app.ClientSecret), Json)),
            CreatedAtUtc = timeProvider.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request registered the same instance meanwhile: its app is the one kept.
            db.ChangeTracker.Clear();
            if (await FindAsync(instance, redirectUri, cancellationToken) is { } first)
            {
                return MastodonCall<MastodonApp>.Ok(first);
            }

            throw;
        }

        return MastodonCall<MastodonApp>.Ok(app);
    }

    private sealed record StoredClient(string ClientId, string ClientSecret);
}
