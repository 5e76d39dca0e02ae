using System.Text.Json;
using PoliceFeeds.Core.Networks.Bluesky;
using PoliceFeeds.Infrastructure.Networks.Bluesky;

namespace PoliceFeeds.IntegrationTests.Networks.Bluesky;

/// <summary>The limits our rules hard-code, compared with the lexicons of the installed @atproto/api (tests/bluesky-pds/lexicon-limits.mjs).</summary>
[Collection(BlueskyPdsCollection.Name)]
public sealed class BlueskyLexiconLimitsTests(BlueskyPdsFixture pds)
{
    [Fact]
    public async Task Text_and_image_limits_are_those_of_the_lexicons()
    {
        using var limits = JsonDocument.Parse(await pds.RunNodeAsync("lexicon-limits.mjs"));
        var root = limits.RootElement;

        Assert.Equal(BlueskyTextLength.MaxGraphemes, root.GetProperty("postMaxGraphemes").GetInt32());
        Assert.Equal(BlueskyTextLength.MaxUtf8Bytes, root.GetProperty("postMaxLength").GetInt32());
        Assert.Equal(BlueskyPostRecord.MaxImages, root.GetProperty("maxImages").GetInt32());
        Assert.Equal(BlueskyPostRecord.MaxImageBytes, root.GetProperty("imageMaxSize").GetInt32());
    }
}
