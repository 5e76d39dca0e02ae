using System.Globalization;
using System.Text;

namespace PoliceFeeds.Core.Search;

/// <summary>
/// The form of a text that search compares: compatibility-decomposed (NFKD), combining marks removed, lower-cased
/// (invariant culture), with the ligatures œ and æ spelled out. "Témoins", "TEMOINS" and "temoins" all give "temoins";
/// "ﬁ" gives "fi". The same function normalises the stored column (<see cref="Messages.Message.SearchText"/>) and the
/// query, so the comparison needs no function on the database side.
/// </summary>
public static class SearchNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.EnclosingMark:
                    continue;
            }

            switch (c)
            {
                case 'œ' or 'Œ':
                    builder.Append("oe");
                    break;
                case 'æ' or 'Æ':
                    builder.Append("ae");
                    break;
                case 'ß':
                    builder.Append("ss");
                    break;
                default:
                    builder.Append(char.ToLowerInvariant(c));
                    break;
            }
        }

        // Recomposition keeps what had no accent to remove (Hangul, for instance) in its usual form.
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The characters a database backfill must fold beside lower-casing ASCII: every character of Latin-1 Supplement
    /// and Latin Extended-A whose normal form differs from its ASCII lower case, with that form.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<char, string>> FoldedLatinCharacters()
    {
        var folds = new List<KeyValuePair<char, string>>();
        for (var c = '\u00C0'; c <= '\u017F'; c++)
        {
            if (char.IsLetter(c) && Normalize(c.ToString()) is var folded && folded != c.ToString())
            {
                folds.Add(new(c, folded));
            }
        }

        return folds;
    }
}
