using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.Infrastructure.Publishing.Channels;

/// <summary>The channel of each delivery mode: the one place where a mode is mapped to where posts go.</summary>
public sealed class PublishingChannels(IServiceProvider services)
{
    public IPublishingChannel For(DeliveryMode mode) => mode switch
    {
        DeliveryMode.Live => services.GetRequiredService<XPublishingChannel>(),
        _ => services.GetRequiredService<TrainingPublishingChannel>(),
    };
}
