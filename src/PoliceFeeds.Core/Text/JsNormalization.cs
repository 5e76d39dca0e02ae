using System.Text;

namespace PoliceFeeds.Core.Text;

/// <summary>
/// JavaScript's <c>String.prototype.normalize()</c> (NFC), which never throws. .NET refuses strings holding a lone
/// surrogate or U+FFFE; JavaScript keeps such a unit as it is. Such a unit is a starter that composes with nothing, so
/// NFC cannot act across it: the parts between them are normalised one by one and the units kept in place.
/// </summary>
internal static class JsNormalization
{
    public static string Nfc(string text)
    {
        if (!NeedsSplitting(text))
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }

        var output = new StringBuilder(text.Length);
        var segmentStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var breaker = IsBreaker(text, i, out var pairLength);
            if (!breaker)
            {
                i += pairLength - 1;
                continue;
            }

            AppendNormalized(output, text, segmentStart, i);
            output.Append(text[i]);
            segmentStart = i + 1;
        }

        AppendNormalized(output, text, segmentStart, text.Length);
        return output.ToString();
    }

    private static bool NeedsSplitting(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsBreaker(text, i, out var pairLength))
            {
                return true;
            }

            i += pairLength - 1;
        }

        return false;
    }

    /// <summary>A unit .NET's normaliser refuses: U+FFFE, U+FFFF or a surrogate that is not part of a pair.</summary>
    private static bool IsBreaker(string text, int i, out int pairLength)
    {
        pairLength = 1;
        var c = text[i];
        if (c is '\uFFFE' or '\uFFFF' || char.IsLowSurrogate(c))
        {
            return true;
        }

        if (char.IsHighSurrogate(c))
        {
            if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                pairLength = 2;
                return false;
            }

            return true;
        }

        return false;
    }

    private static void AppendNormalized(StringBuilder output, string text, int start, int end)
    {
        if (end <= start)
        {
            return;
        }

        var segment = text[start..end];
        try
        {
            output.Append(segment.Normalize(NormalizationForm.FormC));
        }
        catch (ArgumentException)
        {
            // Not expected once the refused units are set aside; keep JavaScript's answer for the common case.
            output.Append(segment);
        }
    }
}
