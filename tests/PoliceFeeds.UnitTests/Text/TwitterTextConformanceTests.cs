using PoliceFeeds.Core.Text;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace PoliceFeeds.UnitTests.Text;

/// <summary>Every case of twitter-text's conformance sections for configuration v3 (Data/twitter-text/validate.yml).</summary>
public sealed class TwitterTextConformanceTests
{
    public static TheoryData<ConformanceCase> V3Cases => Load("WeightedTweetsWithDiscountedEmojiCounterTest");

    public static TheoryData<ConformanceCase> DirectionalMarkerCases => Load("UnicodeDirectionalMarkerCounterTest");

    [Theory]
    [MemberData(nameof(V3Cases))]
    public void Weighted_count_with_discounted_emoji_matches_twitter_text(ConformanceCase testCase) => AssertCase(testCase);

    [Theory]
    [MemberData(nameof(DirectionalMarkerCases))]
    public void Directional_markers_count_as_twitter_text_says(ConformanceCase testCase) => AssertCase(testCase);

    [Fact]
    public void Every_v3_case_is_loaded() => Assert.Equal(22, V3Cases.Count);

    private static void AssertCase(ConformanceCase testCase)
    {
        var result = TweetText.Parse(testCase.Text);

        Assert.Equal(testCase.WeightedLength, result.WeightedLength);
        Assert.Equal(testCase.Valid, result.IsValid);
        Assert.Equal(testCase.Permillage, result.Permillage);
        Assert.Equal(testCase.ValidRangeEnd, result.ValidRangeEnd);
        Assert.Equal(testCase.DisplayRangeEnd, result.DisplayRangeEnd);
    }

    private static TheoryData<ConformanceCase> Load(string section)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Data", "twitter-text", "validate.yml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var tests = (YamlMappingNode)root.Children[new YamlScalarNode("tests")];
        var data = new TheoryData<ConformanceCase>();
        foreach (var node in ((YamlSequenceNode)tests.Children[new YamlScalarNode(section)]).Cast<YamlMappingNode>())
        {
            var expected = (YamlMappingNode)node.Children[new YamlScalarNode("expected")];
            int Int(string key) => int.Parse(((YamlScalarNode)expected.Children[new YamlScalarNode(key)]).Value!, System.Globalization.CultureInfo.InvariantCulture);
            data.Add(new ConformanceCase(
                ((YamlScalarNode)node.Children[new YamlScalarNode("description")]).Value!,
                ((YamlScalarNode)node.Children[new YamlScalarNode("text")]).Value!,
                Int("weightedLength"),
                bool.Parse(((YamlScalarNode)expected.Children[new YamlScalarNode("valid")]).Value!),
                Int("permillage"),
                Int("validRangeEnd"),
                Int("displayRangeEnd")));
        }

        return data;
    }
}

/// <summary>One case of the conformance suite; each is its own test, shown by its description.</summary>
public sealed class ConformanceCase : IXunitSerializable
{
    public ConformanceCase()
    {
    }

    public ConformanceCase(string description, string text, int weightedLength, bool valid, int permillage, int validRangeEnd, int displayRangeEnd)
    {
        Description = description;
        Text = text;
        WeightedLength = weightedLength;
        Valid = valid;
        Permillage = permillage;
        ValidRangeEnd = validRangeEnd;
        DisplayRangeEnd = displayRangeEnd;
    }

    public string Description { get; private set; } = "";

    public string Text { get; private set; } = "";

    public int WeightedLength { get; private set; }

    public bool Valid { get; private set; }

    public int Permillage { get; private set; }

    public int ValidRangeEnd { get; private set; }

    public int DisplayRangeEnd { get; private set; }

    public override string ToString() => Description;

    public void Deserialize(IXunitSerializationInfo info)
    {
        Description = info.GetValue<string>(nameof(Description));
        // Kept as UTF-16 code units so that surrogates and invalid characters survive the round trip.
        Text = new string(info.GetValue<int[]>(nameof(Text)).Select(c => (char)c).ToArray());
        WeightedLength = info.GetValue<int>(nameof(WeightedLength));
        Valid = info.GetValue<bool>(nameof(Valid));
        Permillage = info.GetValue<int>(nameof(Permillage));
        ValidRangeEnd = info.GetValue<int>(nameof(ValidRangeEnd));
        DisplayRangeEnd = info.GetValue<int>(nameof(DisplayRangeEnd));
    }

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(Description), Description);
        info.AddValue(nameof(Text), Text.Select(c => (int)c).ToArray());
        info.AddValue(nameof(WeightedLength), WeightedLength);
        info.AddValue(nameof(Valid), Valid);
        info.AddValue(nameof(Permillage), Permillage);
        info.AddValue(nameof(ValidRangeEnd), ValidRangeEnd);
        info.AddValue(nameof(DisplayRangeEnd), DisplayRangeEnd);
    }
}
