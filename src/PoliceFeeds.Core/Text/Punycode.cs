using System.Text;

namespace PoliceFeeds.Core.Text;

/// <summary>
/// What twitter-text's <c>punycode.toASCII</c> (the npm package punycode 1.4.1, bundled in the browser's counter) does
/// with one domain label: a plain RFC 3492 encoder with no IDNA mapping or validation. Lone surrogates count as code
/// points, as in its <c>ucs2decode</c>.
/// </summary>
internal static class Punycode
{
    private const int Base = 36;
    private const int TMin = 1;
    private const int TMax = 26;
    private const int Skew = 38;
    private const int Damp = 700;
    private const int InitialBias = 72;
    private const int InitialN = 128;

    /// <summary><c>punycode.toASCII(label)</c>: IDNA separators become dots; each part with a character outside
    /// U+0020–U+007E becomes <c>xn--</c> and its encoding.</summary>
    public static string ToAscii(string label)
    {
        var parts = label.Split(['.', '\u3002', '\uFF0E', '\uFF61']);
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Any(c => c is < '\u0020' or > '\u007E'))
            {
                parts[i] = "xn--" + Encode(parts[i]);
            }
        }

        return string.Join('.', parts);
    }

    /// <summary>Number of code points as <c>ucs2decode</c> counts them (a valid pair is one, a lone surrogate one).</summary>
    public static int CodePointCount(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    /// <summary>RFC 3492's encoder. Throws <see cref="OverflowException"/> where punycode.js reports an overflow.</summary>
    public static string Encode(string text)
    {
        var input = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                input.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                input.Add(text[i]);
            }
        }

        var output = new StringBuilder();
        foreach (var c in input.Where(c => c < 0x80))
        {
            output.Append((char)c);
        }

        var basicLength = output.Length;
        var handled = basicLength;
        if (basicLength > 0)
        {
            output.Append('-');
        }

        long n = InitialN;
        long delta = 0;
        var bias = InitialBias;
        while (handled < input.Count)
        {
            long m = int.MaxValue;
            foreach (var c in input)
            {
                if (c >= n && c < m)
                {
                    m = c;
                }
            }

            if (m - n > (int.MaxValue - delta) / (handled + 1))
            {
                throw new OverflowException("punycode overflow");
            }

            delta += (m - n) * (handled + 1);
            n = m;
            foreach (var c in input)
            {
                if (c < n && ++delta > int.MaxValue)
                {
                    throw new OverflowException("punycode overflow");
                }

                if (c == n)
                {
                    var q = delta;
                    for (var k = Base; ; k += Base)
                    {
                        var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                        if (q < t)
                        {
                            break;
                        }

                        output.Append(Digit((int)(t + ((q - t) % (Base - t)))));
                        q = (q - t) / (Base - t);
                    }

                    output.Append(Digit((int)q));
                    bias = Adapt(delta, handled + 1, handled == basicLength);
                    delta = 0;
                    handled++;
                }
            }

            delta++;
            n++;
        }

        return output.ToString();
    }

    private static char Digit(int d) => (char)(d < 26 ? 'a' + d : '0' + d - 26);

    private static int Adapt(long delta, int numPoints, bool firstTime)
    {
        delta = firstTime ? delta / Damp : delta / 2;
        delta += delta / numPoints;
        var k = 0;
        while (delta > ((Base - TMin) * TMax) / 2)
        {
            delta /= Base - TMin;
            k += Base;
        }

        return (int)(k + ((Base - TMin + 1) * delta / (delta + Skew)));
    }
}
