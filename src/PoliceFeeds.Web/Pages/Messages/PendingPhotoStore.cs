using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Photos;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>
/// Photos chosen on a compose form that was refused (a missing text, a date in the past...) stay on the server so that
/// the officer does not choose them again: each is kept in the <c>PendingPhotos</c> table for two hours under a random
/// token, readable only by the user who uploaded it, so the next POST may reach any instance of the application. A photo
/// larger than the largest upload is not kept; a user keeps at most <see cref="PendingPhoto.MaxPerUser"/> (the oldest
/// go); a photo is deleted once its message is saved; expired ones are deleted whenever a photo is kept.
/// Every call works in a database context of its own: the page's context may hold changes it must not save.
/// </summary>
public sealed class PendingPhotoStore(IServiceScopeFactory scopes, TimeProvider timeProvider)
{
    /// <summary>Keeps a photo that passed the format checks; returns its token, or null when it cannot be kept.</summary>
    public async Task<string?> KeepAsync(string userId, UploadedPhoto photo, CancellationToken cancellationToken)
    {
        if (!PendingPhoto.IsKeepable(photo.Content.Length))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        await db.PendingPhotos.Where(p => p.ExpiresAtUtc <= now).ExecuteDeleteAsync(cancellationToken);
        db.PendingPhotos.Add(new PendingPhoto
        {
            Token = token,
            UserId = userId,
            Content = photo.Content,
            Length = photo.Content.Length,
            CreatedAtUtc = now,
            ExpiresAtUtc = now + PendingPhoto.Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);

        // The user's newest ones stay; older ones beyond the bound are deleted.
        var beyond = await db.PendingPhotos.Where(p => p.UserId == userId)
            .OrderByDescending(p => p.CreatedAtUtc).ThenByDescending(p => p.Id)
            .Skip(PendingPhoto.MaxPerUser).Select(p => p.Id).ToListAsync(cancellationToken);
        if (beyond.Count > 0)
        {
            await db.PendingPhotos.Where(p => beyond.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        return token;
    }

    /// <summary>The photo behind a token, or null when it expired, never existed or belongs to someone else.</summary>
    public async Task<UploadedPhoto?> FindAsync(string userId, PendingPhotoInput pending, CancellationToken cancellationToken)
    {
        if (!PendingPhoto.IsWellFormedToken(pending.Token))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var bytes = await db.PendingPhotos.AsNoTracking()
            .Where(p => p.Token == pending.Token && p.UserId == userId && p.ExpiresAtUtc > now)
            .Select(p => p.Content)
            .SingleOrDefaultAsync(cancellationToken);
        return bytes is null ? null : new UploadedPhoto(pending.FileName, bytes, ImageFormat.Detect(bytes), pending.AltText);
    }

    /// <summary>
    /// The kept photos a form posts back (those not removed, at most a message's worth), with their tokens: only the
    /// user's own, as long as they have not expired.
    /// </summary>
    public async Task<List<(UploadedPhoto Photo, string? Token)>> FindAllAsync(string userId, IEnumerable<PendingPhotoInput> pendings, CancellationToken cancellationToken)
    {
        var found = new List<(UploadedPhoto Photo, string? Token)>();
        foreach (var pending in pendings.Where(p => !p.Remove).Take(ImageFormat.MaxPhotosPerMessage))
        {
            if (await FindAsync(userId, pending, cancellationToken) is { } kept)
            {
                found.Add((kept, pending.Token));
            }
        }

        return found;
    }

    /// <summary>Deletes photos once used (their message was saved with them).</summary>
    public async Task ForgetAsync(string userId, IReadOnlyList<string> tokens, CancellationToken cancellationToken)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        await db.PendingPhotos.Where(p => p.UserId == userId && tokens.Contains(p.Token)).ExecuteDeleteAsync(cancellationToken);
    }
}
