using System.Text;
using PoliceFeeds.Core.Search;
using PoliceFeeds.Core.Text;

namespace PoliceFeeds.Core.Campaigns;

/// <summary>
/// X refuses the same content posted by several accounts, so each department relays a campaign in its own words. Two
/// relays are identical when their <see cref="Key"/>s are equal. The key of a text is, in this order:
/// <list type="number">
/// <item>links removed: every URL twitter-text finds (<see cref="TweetText.ExtractUrlsWithIndices"/>, with or without
/// "https://"), so changing or adding a link does not make a text one's own;</item>
/// <item>hashtags removed: "#" followed by letters, digits or underscores (X's hashtag characters), the sign and the
/// word, so adding the department's hashtag does not either;</item>
/// <item>folded as search folds (<see cref="SearchNormalizer"/>): case, accents, ligatures œ and æ;</item>
/// <item>spaces (any white space, line breaks included) collapsed to one and trimmed at both ends.</item>
/// </list>
/// Punctuation, mentions, emoji and digits are kept: "Fermez vos portes." and "Fermez vos portes !" differ.
/// </summary>
public static class CampaignTextRule
{
    public static string Key(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var withoutLinks = new StringBuilder(text.Length);
        var position = 0;
        foreach (var url in TweetText.ExtractUrlsWithIndices(text).OrderBy(u => u.Start))
        {
            if (url.Start < position || url.End > text.Length)
            {
                continue;
            }

            withoutLinks.Append(text, position, url.Start - position).Append(' ');
            position = url.End;
        }

        withoutLinks.Append(text, position, text.Length - position);
        var folded = SearchNormalizer.Normalize(RemoveHashtags(withoutLinks.ToString()));
        return string.Join(' ', folded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    public static bool AreIdentical(string? text, string? other) => Key(text) == Key(other);

    private static string RemoveHashtags(string text)
    {
        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if ((text[i] == '#' || text[i] == '＃') && i + 1 < text.Length && IsHashtagCharacter(text[i + 1]))
            {
                i++;
                while (i < text.Length && IsHashtagCharacter(text[i]))
                {
                    i++;
                }

                builder.Append(' ');
                continue;
            }

            builder.Append(text[i]);
            i++;
        }

        return builder.ToString();
    }

    private static bool IsHashtagCharacter(char c) =>
        char.IsLetterOrDigit(c) || c == '_' || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark;
}
