using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PoliceFeeds.Infrastructure.XApi;

/// <summary>
/// OAuth 1.0a (RFC 5849) HMAC-SHA1 signatures for user-context requests. JSON and multipart bodies are not part of the
/// signature; only query parameters (and a form-encoded body, which PoliceFeeds does not send) are.
/// </summary>
public static class OAuth1Signer
{
    /// <summary>The <c>Authorization</c> header value for a request.</summary>
    public static string AuthorizationHeader(
        string method,
        Uri url,
        IEnumerable<KeyValuePair<string, string>> extraParameters,
        string consumerKey,
        string consumerSecret,
        string token,
        string tokenSecret,
        string nonce,
        long timestamp)
    {
        var oauth = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["oauth_consumer_key"] = consumerKey,
            ["oauth_nonce"] = nonce,
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
            ["oauth_token"] = token,
            ["oauth_version"] = "1.0",
        };
        var parameters = oauth.Concat(QueryParameters(url)).Concat(extraParameters);
        var signature = Signature(method, url, parameters, consumerSecret, tokenSecret);
        oauth["oauth_signature"] = signature;
        return "OAuth " + string.Join(", ", oauth.Select(p => $"{PercentEncode(p.Key)}=\"{PercentEncode(p.Value)}\""));
    }

    /// <summary>Base64 HMAC-SHA1 of the signature base string.</summary>
    public static string Signature(string method, Uri url, IEnumerable<KeyValuePair<string, string>> parameters, string consumerSecret, string tokenSecret)
    {
        var key = Encoding.ASCII.GetBytes($"{PercentEncode(consumerSecret)}&{PercentEncode(tokenSecret)}");
        var baseString = Encoding.ASCII.GetBytes(SignatureBaseString(method, url, parameters));
#pragma warning disable CA5350 // OAuth 1.0a as X implements it is defined with HMAC-SHA1.
        return Convert.ToBase64String(HMACSHA1.HashData(key, baseString));
#pragma warning restore CA5350
    }

    /// <summary><c>METHOD&amp;enc(url without query)&amp;enc(sorted, encoded parameters)</c>.</summary>
    public static string SignatureBaseString(string method, Uri url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var normalized = parameters
            .Select(p => (Key: PercentEncode(p.Key), Value: PercentEncode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}");
        var baseUrl = $"{url.Scheme.ToLowerInvariant()}://{url.Host.ToLowerInvariant()}{(url.IsDefaultPort ? "" : ":" + url.Port.ToString(CultureInfo.InvariantCulture))}{url.AbsolutePath}";
        return $"{method.ToUpperInvariant()}&{PercentEncode(baseUrl)}&{PercentEncode(string.Join("&", normalized))}";
    }

    /// <summary>RFC 3986 encoding: only A–Z a–z 0–9 - . _ ~ stay; UTF-8 bytes become upper-case %XX.</summary>
    public static string PercentEncode(string value)
    {
        var builder = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    public static string NewNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    private static IEnumerable<KeyValuePair<string, string>> QueryParameters(Uri url)
    {
        var query = url.Query.TrimStart('?');
        if (query.Length == 0)
        {
            yield break;
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            yield return new(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : "");
        }
    }
}
