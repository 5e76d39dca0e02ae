using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>
/// "À vérifier à la main": a validator says whether the post of an uncertain attempt that no complete read can settle is
/// online (with its address, so that PoliceFeeds owns it: deleted on takedown, counted) or not.
/// </summary>
public sealed partial class DetailsModel
{
    [BindProperty]
    public long HandCheckDeliveryId { get; set; }

    /// <summary>"online" or "absent".</summary>
    [BindProperty]
    public string? HandCheckVerdict { get; set; }

    [BindProperty]
    public string? HandCheckPostUrl { get; set; }

    /// <summary>What the page's partial <c>_Delivery</c> shows of one delivery.</summary>
    public DeliveryView ViewOf(Delivery delivery) => new(
        delivery,
        Message.Id,
        Message.DepartmentId,
        Shown.Accounts.TryGetValue(delivery.AccountId, out var account) ? account.Handle : Handle,
        account?.Network ?? PublishingNetwork.X,
        CanValidate && delivery.Status == DeliveryStatus.ToCheckByHand,
        Local(delivery.PossiblySentSinceUtc ?? delivery.FailedAtUtc ?? Message.UpdatedAtUtc));

    public async Task<IActionResult> OnPostHandCheckAsync(long id, [FromServices] HandChecks handChecks, [FromServices] PublishingChannels channels, CancellationToken cancellationToken)
    {
        var message = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null || !await currentUser.CanViewDepartmentAsync(message.DepartmentId, cancellationToken))
        {
            return NotFound();
        }

        if (!await currentUser.CanValidateForDepartmentAsync(message.DepartmentId, cancellationToken))
        {
            return Forbid();
        }

        var delivery = await db.Deliveries.AsNoTracking()
            .Where(d => d.Id == HandCheckDeliveryId && d.MessageId == id)
            .Select(d => new { d.Status, d.AccountId })
            .SingleOrDefaultAsync(cancellationToken);
        if (delivery?.Status != DeliveryStatus.ToCheckByHand)
        {
            return await RedisplayWithErrorAsync(id, text["HandCheck.Error.NotToCheck"], cancellationToken);
        }

        bool settled;
        switch (HandCheckVerdict)
        {
            case "online":
                // The address as the account's network shows its posts (x.com, bsky.app, the Mastodon instance), that
                // account's only: its network's channel reads it.
                var account = await db.PublishingAccounts.AsNoTracking().Where(a => a.Id == delivery.AccountId)
                    .Select(a => new ChannelAccount(a.Id, a.DepartmentId, a.Handle, a.RemoteUserId, a.ServerUrl) { Network = a.Network })
                    .SingleAsync(cancellationToken);
                var channel = channels.For(account, DeliveryMode.Live);
                if (channel.PostIdOf(account, HandCheckPostUrl) is not { } postId)
                {
                    return await RedisplayWithErrorAsync(id, string.Format(text["HandCheck.Error.Address"], account.Handle, channel.PostUrl(account, "…")), cancellationToken);
                }

                settled = await handChecks.SettleOnlineAsync(HandCheckDeliveryId, postId, channel.PostUrl(account, postId), currentUser.Id, currentUser.Name ?? currentUser.Id, cancellationToken);
                break;
            case "absent":
                settled = await handChecks.SettleAbsentAsync(HandCheckDeliveryId, currentUser.Id, currentUser.Name ?? currentUser.Id, cancellationToken);
                break;
            default:
                return await RedisplayWithErrorAsync(id, text["HandCheck.Error.Verdict"], cancellationToken);
        }

        if (!settled)
        {
            return await RedisplayWithErrorAsync(id, text["HandCheck.Error.NotToCheck"], cancellationToken);
        }

        publishingSignal.Notify();
        TempData["Flash"] = (string)text[HandCheckVerdict == "online" ? "Flash.HandCheckOnline" : "Flash.HandCheckAbsent"];
        return RedirectToPage("/Messages/Details", new { id });
    }
}

/// <param name="CanSettleByHand">The viewer validates for the department and the delivery waits "to check by hand".</param>
/// <param name="AttemptLocal">The uncertain attempt's time, in the department's time zone.</param>
public sealed record DeliveryView(Delivery Delivery, long MessageId, int DepartmentId, string Handle, PublishingNetwork Network, bool CanSettleByHand, DateTime AttemptLocal);
