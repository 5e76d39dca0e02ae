using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Distributed;
using PoliceFeeds.Core.Photos;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>
/// Photos chosen on a compose form that was refused (a missing text, a date in the past...) stay on the server so that
/// the officer does not choose them again: each is kept for two hours under a random token, readable only by the
/// user who uploaded it. Backed by <see cref="IDistributedCache"/>: in memory on one instance; several instances need a
/// shared cache (SQL Server or Redis distributed cache) registered instead.
/// </summary>
public sealed class PendingPhotoStore(IDistributedCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    /// <summary>Keeps a photo that passed the format checks; returns its token.</summary>
    public async Task<string> KeepAsync(string userId, UploadedPhoto photo, CancellationToken cancellationToken)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await cache.SetAsync(Key(userId, token), photo.Content, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime }, cancellationToken);
        return token;
    }

    /// <summary>The photo behind a token, or null when it expired, never existed or belongs to someone else.</summary>
    public async Task<UploadedPhoto?> FindAsync(string userId, PendingPhotoInput pending, CancellationToken cancellationToken)
    {
        if (pending.Token is not { Length: 32 } token || !token.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var bytes = await cache.GetAsync(Key(userId, token), cancellationToken);
        return bytes is null ? null : new UploadedPhoto(pending.FileName, bytes, ImageFormat.Detect(bytes), pending.AltText);
    }

    public Task ForgetAsync(string userId, string token, CancellationToken cancellationToken) => cache.RemoveAsync(Key(userId, token), cancellationToken);

    private static string Key(string userId, string token) => $"policefeeds:pending-photo:{userId}:{token}";
}
