using System.Text;
using System.Text.Json;
using PoliceFeeds.Core.Networks.Bluesky;

namespace PoliceFeeds.UnitTests.Networks.Bluesky;

/// <summary>
/// Facet detection compared with the reference, not with itself: Data/bluesky/facets.json holds thousands of generated
/// French texts with @atproto/api's own answers (tests/bluesky-pds/generate-facet-cases.mjs).
/// </summary>
public sealed class BlueskyFacetsTests
{
    [Fact]
    public void Every_generated_text_gets_the_reference_facets()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "bluesky", "facets.json")));
        var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToList();
        var mismatches = new List<string>();
        foreach (var c in cases)
        {
            var text = c.GetProperty("text").GetString()!;
            var expected = c.GetProperty("facets").EnumerateArray()
                .Select(f => $"{f.GetProperty("byteStart").GetInt32()}-{f.GetProperty("byteEnd").GetInt32()} {f.GetProperty("kind").GetString()} {f.GetProperty("value").GetString()}")
                .ToList();
            var actual = BlueskyFacets.Detect(text)
                .Select(f => $"{f.ByteStart}-{f.ByteEnd} {(f.Kind == BlueskyFacetKind.Link ? "link" : "tag")} {f.Value}")
                .ToList();
            if (!expected.SequenceEqual(actual))
            {
                mismatches.Add($"{JsonSerializer.Serialize(text)}\n  expected: {string.Join(" | ", expected)}\n  actual:   {string.Join(" | ", actual)}");
            }
        }

        Assert.True(cases.Count >= 1000, "the reference cases are missing");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {cases.Count} texts differ from the reference:\n{string.Join('\n', mismatches.Take(15))}");
    }

    [Fact]
    public void A_link_and_a_hashtag_after_accents_and_emoji_get_their_utf8_byte_ranges()
    {
        const string text = "🚨 Déviation à Nantes : https://www.service-public.fr/particuliers. #Sécurité!";

        var facets = BlueskyFacets.Detect(text);

        Assert.Collection(
            facets,
            link =>
            {
                Assert.Equal(BlueskyFacetKind.Link, link.Kind);
                Assert.Equal("https://www.service-public.fr/particuliers", link.Value);
                Assert.Equal(link.Value, Slice(text, link));
            },
            tag =>
            {
                Assert.Equal(BlueskyFacetKind.Tag, tag.Kind);
                Assert.Equal("Sécurité", tag.Value);
                Assert.Equal("#Sécurité", Slice(text, tag));
            });
    }

    [Theory]
    [InlineData("voir interieur.gouv.fr", "https://interieur.gouv.fr")]
    [InlineData("voir INTERIEUR.GOUV.FR", null)]
    [InlineData("voir service-public.fr", null)] // the reference's domain pattern has no hyphen: write https://
    [InlineData("voir https://service-public.fr", "https://service-public.fr")]
    [InlineData("voir exemple.invalidtld", null)]
    [InlineData("(voir interieur.gouv.fr)", "https://interieur.gouv.fr")]
    public void Bare_domains_are_links_only_as_the_reference_sees_them(string text, string? uri)
    {
        var links = BlueskyFacets.Detect(text).Where(f => f.Kind == BlueskyFacetKind.Link).Select(f => f.Value).ToList();

        Assert.Equal(uri is null ? [] : [uri], links);
    }

    [Theory]
    [InlineData("#2026 #44", new string[0])]
    [InlineData("#44Nantes", new[] { "44Nantes" })]
    [InlineData("a#b #ok", new[] { "ok" })]
    [InlineData("＃Police", new[] { "Police" })]
    public void Hashtags_follow_the_reference_rules(string text, string[] tags)
    {
        Assert.Equal(tags, BlueskyFacets.Detect(text).Where(f => f.Kind == BlueskyFacetKind.Tag).Select(f => f.Value).ToArray());
    }

    private static string Slice(string text, BlueskyFacet facet)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Encoding.UTF8.GetString(bytes, facet.ByteStart, facet.ByteEnd - facet.ByteStart);
    }
}
