using System.Text;

namespace PoliceFeeds.Core.Text;

/// <summary>
/// X's weighted character count (twitter-text configuration v3): NFC first, then each code point weighs 1 when it lies in
/// the light ranges and 2 otherwise; the limit is 280.
/// </summary>
public static class TweetText
{
    public const int MaxWeightedLength = 280;

    /// <summary>Weighted length of <paramref name="text"/> after NFC normalisation.</summary>
    public static int WeightedLength(string text) => Parse(text).WeightedLength;

    public static TweetTextResult Parse(string text)
    {
        // .NET refuses to normalise text with noncharacters or lone surrogates: such text is invalid anyway.
        var invalid = false;
        string normalized;
        try
        {
            normalized = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            normalized = text;
            invalid = true;
        }

        var weight = 0;
        foreach (var rune in normalized.EnumerateRunes())
        {
            // A lone surrogate comes out as U+FFFD; it cannot be posted.
            if (rune == Rune.ReplacementChar && !normalized.Contains('\uFFFD', StringComparison.Ordinal))
            {
                invalid = true;
            }

            if (rune.Value is 0xFFFE or 0xFEFF or 0xFFFF)
            {
                invalid = true;
            }

            weight += IsLight(rune.Value) ? 1 : 2;
        }

        var isValid = !invalid && normalized.Length > 0 && weight <= MaxWeightedLength;
        return new TweetTextResult(weight, isValid, invalid);
    }

    private static bool IsLight(int codePoint) =>
        codePoint is (>= 0x0000 and <= 0x10FF) or (>= 0x2000 and <= 0x200D) or (>= 0x2010 and <= 0x201F) or (>= 0x2032 and <= 0x2037);
}

/// <param name="WeightedLength">Weighted length as X counts it.</param>
/// <param name="IsValid">Not empty, no invalid character, within 280.</param>
/// <param name="HasInvalidCharacters">Contains U+FFFE, U+FEFF or U+FFFF.</param>
public readonly record struct TweetTextResult(int WeightedLength, bool IsValid, bool HasInvalidCharacters);
