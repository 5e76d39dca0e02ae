using Microsoft.Extensions.Logging;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// The "sent" records of a worker's run still on their way to the database. A post's record joins the next group commit
/// while the run's next post goes to the channel, and is confirmed after it: the next post's attempt was already recorded
/// (by the claim, or just before its call), so nothing is ever sent without its attempt on record. If the process stops
/// before the commit, the delivery is still "sending" with its marker and whoever takes it over finds the post instead of
/// posting it again. A record that fails fails its delivery (<see cref="DeliveryFailure"/> <c>RecordFailed</c>, by the
/// worker) and stops the run, like a record written in place.
/// </summary>
internal sealed class PendingRecords(ILogger logger)
{
    private readonly Queue<(Task<bool> Write, ClaimedDelivery Claimed)> _queue = new();

    /// <summary>How many records are unconfirmed.</summary>
    public int Count => _queue.Count;

    public void Add(Task<bool> write, ClaimedDelivery claimed) => _queue.Enqueue((write, claimed));

    /// <summary>
    /// Awaits the first <paramref name="count"/> records. False if one found its lease taken over (the next owner finds the
    /// post) or failed (then handed to <paramref name="failed"/>, which records the delivery's failure).
    /// </summary>
    public async Task<bool> ConfirmAsync(int count, Func<ClaimedDelivery, Exception, Task> failed)
    {
        var allHeld = true;
        for (var i = 0; i < count && _queue.Count > 0; i++)
        {
            var (write, claimed) = _queue.Dequeue();
            try
            {
                if (!await write)
                {
                    allHeld = false;
                    logger.LogError("Delivery {DeliveryId} of message {MessageId} was sent but its lease had been taken over; the next owner will find the post", claimed.Delivery.Id, claimed.Message.Id);
                }
            }
            catch (Exception ex)
            {
                allHeld = false;
                await failed(claimed, ex);
            }
        }

        return allHeld;
    }

    /// <summary>Awaits every record still pending.</summary>
    public Task<bool> ConfirmAllAsync(Func<ClaimedDelivery, Exception, Task> failed) => ConfirmAsync(_queue.Count, failed);
}
