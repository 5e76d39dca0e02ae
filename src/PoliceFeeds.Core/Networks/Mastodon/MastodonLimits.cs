namespace PoliceFeeds.Core.Networks.Mastodon;

/// <summary>
/// An instance's limits as <c>GET /api/v2/instance</c> gives them (<c>configuration.statuses</c> and
/// <c>configuration.media_attachments</c>); <see cref="Default"/> holds Mastodon's defaults for an instance not read yet.
/// </summary>
public sealed record MastodonLimits(
    int MaxCharacters = MastodonLimits.DefaultMaxCharacters,
    int CharactersReservedPerUrl = MastodonLimits.DefaultCharactersReservedPerUrl,
    int DescriptionLimit = MastodonLimits.DefaultDescriptionLimit,
    int MaxMediaAttachments = MastodonLimits.DefaultMaxMediaAttachments,
    long? ImageSizeLimit = null)
{
    public const int DefaultMaxCharacters = 500;
    public const int DefaultCharactersReservedPerUrl = 23;

    /// <summary><c>MediaAttachment::MAX_DESCRIPTION_LENGTH</c> (1,500 since Mastodon 4.0; 420 before).</summary>
    public const int DefaultDescriptionLimit = 1500;

    public const int DefaultMaxMediaAttachments = 4;

    public static MastodonLimits Default { get; } = new();

    /// <summary>
    /// Whether <paramref name="altText"/> fits the instance's description limit. Mastodon validates it with Rails' length
    /// validator, which counts characters (code points), not grapheme clusters.
    /// </summary>
    public MastodonLengthCheck CheckAltText(string altText)
    {
        var count = 0;
        for (var i = 0; i < altText.Length; i++)
        {
            if (char.IsHighSurrogate(altText[i]) && i + 1 < altText.Length && char.IsLowSurrogate(altText[i + 1]))
            {
                i++;
            }

            count++;
        }

        return new MastodonLengthCheck(count, DescriptionLimit);
    }

    public MastodonLengthCheck CheckStatus(string text) => MastodonStatusLength.Check(text, this);
}
