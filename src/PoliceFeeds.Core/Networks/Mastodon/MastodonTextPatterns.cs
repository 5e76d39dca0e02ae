using System.Text;
using System.Text.RegularExpressions;
using PoliceFeeds.Core.Text;

namespace PoliceFeeds.Core.Networks.Mastodon;

/// <summary>
/// The patterns Mastodon's <c>StatusLengthValidator</c> extracts entities with, ported to .NET from their sources:
/// the twitter-text gem 3.1's <c>Regex::REGEXEN</c> (<c>rb/lib/twitter-text/regex.rb</c>), Mastodon's overrides of
/// them (<c>config/initializers/twitter_regex.rb</c>), and <c>Account::MENTION_RE</c> (<c>app/models/account.rb</c>).
/// The overrides are applied in Mastodon's order: its <c>valid_url_path_ending_chars</c> is built while
/// <c>valid_url_balanced_parens</c> still holds the gem's pattern (with the gem's narrow path characters), and only then
/// is the balanced-parentheses pattern replaced by one on Mastodon's broad path characters. Both engines backtrack in the
/// same order; the differences are noted where they are: .NET classes match UTF-16 units (an astral character is a
/// surrogate pair, matched by the pair alternatives below) and <c>\p{Cyrillic}</c> is written as the script's ranges.
/// </summary>
internal static class MastodonTextPatterns
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Multiline;

    /// <summary>Unicode White_Space (Onigmo's <c>\p{White_Space}</c>), as a class body.</summary>
    private const string WhiteSpace = @"\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

    /// <summary>twitter-text's UNICODE_SPACES (with U+180E, which is no longer White_Space).</summary>
    private const string UnicodeSpaces = @"\u0009-\u000D\u0020\u0085\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

    private const string Directional = @"\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069";

    private const string Invalid = @"\uFFFE\uFEFF\uFFFF";

    /// <summary>PUNCTUATION_CHARS as the gem's class reads it: ASCII punctuation except the backslash.</summary>
    private const string Punctuation = @"!""\#$%&'()*+,\-./:;<=>?@\[\]\^_`{|}~";

    private const string SpaceChars = @" \t\n\x0B\f\r";

    private const string CtrlChars = @"\x00-\x1F\x7F";

    private const string LatinAccents = @"\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u0100-\u024F\u0253-\u0254\u0256-\u0257\u0259\u025B\u0263\u0268\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF";

    /// <summary>The Cyrillic script (Onigmo's <c>\p{Cyrillic}</c>), as a class body.</summary>
    private const string Cyrillic = @"\u0400-\u0484\u0487-\u052F\u1C80-\u1C88\u1D2B\u1D78\u2DE0-\u2DFF\uA640-\uA69F\uFE2E-\uFE2F";

    /// <summary>Any astral character (a surrogate pair).</summary>
    private const string Astral = @"[\uD800-\uDBFF][\uDC00-\uDFFF]";

    private static readonly string DomainChar = $"(?:[^{Directional}{Punctuation}{SpaceChars}{CtrlChars}{Invalid}{UnicodeSpaces}])";

    private static readonly string ValidSubdomain = $@"(?:(?:{DomainChar}(?:[_\-]|{DomainChar})*)?{DomainChar}\.)";

    private static readonly string ValidDomainName = $@"(?:(?:{DomainChar}(?:[\-]|{DomainChar})*)?{DomainChar}\.)";

    private static readonly string ValidGtld = $"(?:(?:{Alternation(TwitterTextData.GenericTlds)})(?=[^0-9a-z@+\\-]|$))";

    private static readonly string ValidCctld = $"(?:(?:{Alternation(TwitterTextData.CountryTlds)})(?=[^0-9a-z@+\\-]|$))";

    private static readonly string ValidDomain = $"(?:{ValidSubdomain}*{ValidDomainName}(?:{ValidGtld}|{ValidCctld}|(?:xn--[0-9a-z]+)))";

    private static readonly string PrecedingChars = $"(?:[^A-Z0-9@＠$#＃{Invalid}]|[{Directional}]|^)";

    /// <summary>The gem's <c>valid_general_url_path_chars</c>.</summary>
    private static readonly string GemPathChar = $@"(?:[a-z{Cyrillic}0-9!\*';:=\+,\.\$/%\#\[\]\p{{Pd}}_~&\|@{LatinAccents}])";

    /// <summary>The gem's <c>valid_url_balanced_parens</c> (still in force when Mastodon builds its path ending).</summary>
    private static readonly string GemBalancedParens = $@"(?:\((?:{GemPathChar}+|(?:{GemPathChar}*\({GemPathChar}+\){GemPathChar}*))\))";

    /// <summary>Mastodon's <c>valid_general_url_path_chars</c>: <c>[^\p{White_Space}&lt;&gt;()?]</c>.</summary>
    private static readonly string PathChar = $"(?:[^{WhiteSpace}<>()?])";

    /// <summary>Mastodon's <c>valid_url_path_ending_chars</c>, with the gem's balanced parentheses.</summary>
    private static readonly string PathEnding = $@"(?:[^{WhiteSpace}()?!*""'「」<>;:=,.$%\[\]~&|@]|(?:{GemBalancedParens}))";

    /// <summary>Mastodon's <c>valid_url_balanced_parens</c>, on its broad path characters.</summary>
    private static readonly string BalancedParens = $@"(?:\((?:{PathChar}+|(?:{PathChar}*\({PathChar}+\){PathChar}*))\))";

    private static readonly string ValidUrlPath = $@"(?:(?:{PathChar}*(?:{BalancedParens}{PathChar}*)*{PathEnding})|(?:{PathChar}+/))";

    /// <summary>Mastodon's UCHARS (RFC 3987 ucschar and iprivate) on the basic plane, plus astral characters as pairs.</summary>
    private const string UcharsBmp = @"\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF\uE000-\uF8FF";

    private static readonly string QueryChar = $@"(?:[a-z0-9!?*'();:&=+$/%\#\[\]\-_.,~|@\^{UcharsBmp}]|{Astral})";

    private static readonly string QueryEnding = $@"(?:[a-z0-9_&=\#/\-{UcharsBmp}]|{Astral})";

    /// <summary>Mastodon's <c>valid_url</c>: groups 1 all, 2 before, 3 URL, 4 protocol, 5 domain, 6 port, 7 path, 8 query.</summary>
    public static readonly Regex ValidUrl = new(
        $@"(({PrecedingChars})(((?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://)?({ValidDomain})(?::([0-9]+))?(/{ValidUrlPath}*)?(\?{QueryChar}*{QueryEnding})?))",
        Options,
        Timeout);

    /// <summary>The gem's <c>valid_tco_url</c>.</summary>
    public static readonly Regex ValidTcoUrl = new(@"^https?://t\.co/([a-z0-9]+)", Options, Timeout);

    /// <summary>
    /// <c>Account::MENTION_RE</c>: <c>(?&lt;![=/[:word:]])@((USERNAME_RE)(?:@[[:word:]]+([.-]+[[:word:]]+)*)?)</c>, where
    /// <c>USERNAME_RE</c> is <c>/[a-z0-9_]+([.-]+[a-z0-9_]+)*/i</c> and <c>[[:word:]]</c> is Unicode's word class.
    /// </summary>
    public static readonly Regex Mention = new(
        @"(?<![=/\p{L}\p{M}\p{Nd}\p{Pc}])@(((?i:[a-z0-9_]+([.\-]+[a-z0-9_]+)*))(?:@[\p{L}\p{M}\p{Nd}\p{Pc}]+([.\-]+[\p{L}\p{M}\p{Nd}\p{Pc}]+)*)?)",
        RegexOptions.CultureInvariant | RegexOptions.Multiline,
        Timeout);

    /// <summary>The gem's <c>end_mention_match</c> (<c>\A</c> on the rest of the text, here <c>\G</c> at the mention's end).</summary>
    public static readonly Regex EndMentionMatch = new($@"\G(?:[@＠]|[{LatinAccents}]+|://)", Options, Timeout);

    public static readonly Regex AtSigns = new("[@＠]", RegexOptions.CultureInvariant, Timeout);

    private static string Alternation(IEnumerable<string> tlds)
    {
        var builder = new StringBuilder();
        foreach (var tld in tlds)
        {
            if (builder.Length > 0)
            {
                builder.Append('|');
            }

            builder.Append(Regex.Escape(tld));
        }

        return builder.ToString();
    }
}
