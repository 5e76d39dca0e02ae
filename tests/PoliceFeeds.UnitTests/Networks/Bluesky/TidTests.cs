using System.Text.RegularExpressions;
using PoliceFeeds.Core.Networks.Bluesky;

namespace PoliceFeeds.UnitTests.Networks.Bluesky;

public sealed class TidTests
{
    private static readonly Regex ReferenceSyntax = new("^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$");

    [Fact]
    public void A_tid_is_13_characters_of_the_sortable_alphabet_and_matches_the_reference_syntax()
    {
        var tid = Tid.From(new DateTime(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc), 17);

        Assert.Equal(13, tid.Value.Length);
        Assert.Matches(ReferenceSyntax, tid.Value);
        Assert.True(Tid.IsValid(tid.Value));
    }

    [Fact]
    public void A_tid_gives_back_its_instant_to_the_microsecond_and_its_clock_id()
    {
        var instant = new DateTime(2026, 12, 7, 9, 30, 15, DateTimeKind.Utc).AddTicks(1234567);

        var tid = Tid.Parse(Tid.From(instant, 1023).Value);

        Assert.Equal(instant.AddTicks(-(instant.Ticks % 10)), tid.InstantUtc);
        Assert.Equal(1023, tid.ClockId);
    }

    [Fact]
    public void Known_values_encode_as_the_reference_does()
    {
        // 0 µs and clock 0 is all "2"s; 1 µs with clock 0 is 1 << 10 = 1024 = 32 × 32: "...322".
        Assert.Equal("2222222222222", Tid.From(DateTime.UnixEpoch, 0).Value);
        Assert.Equal("2222222222322", Tid.From(DateTime.UnixEpoch.AddTicks(10), 0).Value);
        Assert.Equal("2222222222223", Tid.From(DateTime.UnixEpoch, 1).Value);
    }

    [Fact]
    public void Later_instants_sort_after_earlier_ones_as_text()
    {
        var start = new DateTime(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
        var tids = Enumerable.Range(0, 200).Select(i => Tid.From(start.AddMilliseconds(i * 37.3), (i * 7) % 1024).Value).ToList();

        Assert.Equal(tids, tids.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void A_tid_of_today_starts_with_a_character_the_syntax_allows_and_far_future_still_does()
    {
        Assert.Matches(ReferenceSyntax, Tid.From(new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc), 0).Value);
        Assert.Matches(ReferenceSyntax, Tid.From(new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc), 1023).Value);
    }

    [Theory]
    [InlineData("3jzfcijpj2z2a", true)]
    [InlineData("7777777777777", true)]
    [InlineData("3jzfcijpj2z21", false)]
    [InlineData("0000000000000", false)]
    [InlineData("3jzfcijpj2z2aa", false)]
    [InlineData("3jzfcijpj2z2", false)]
    [InlineData("kjzfcijpj2z2a", false)]
    [InlineData("3JZFCIJPJ2Z2A", false)]
    [InlineData("3jzf-ijpj2z2a", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Validation_follows_the_reference_syntax(string? value, bool valid)
    {
        Assert.Equal(valid, Tid.IsValid(value));
        Assert.Equal(valid, value is not null && ReferenceSyntax.IsMatch(value));
        Assert.Equal(valid, Tid.TryParse(value, out _));
    }

    [Fact]
    public void A_clock_id_out_of_10_bits_or_a_local_time_is_refused()
    {
        var instant = new DateTime(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
        Assert.Throws<ArgumentOutOfRangeException>(() => Tid.From(instant, 1024));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tid.From(instant, -1));
        Assert.Throws<ArgumentException>(() => Tid.From(DateTime.SpecifyKind(instant, DateTimeKind.Local), 0));
        Assert.Throws<FormatException>(() => Tid.Parse("not-a-tid"));
    }
}

public sealed class TidGeneratorTests
{
    [Fact]
    public void Keys_are_unique_and_increasing_even_when_the_clock_stands_still_or_steps_back()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var generator = new TidGenerator(clock, clockId: 5);
        var keys = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            keys.Add(generator.Next().Value);
        }

        clock.AdjustTime(clock.GetUtcNow().AddSeconds(-10));
        keys.Add(generator.Next().Value);
        clock.Advance(TimeSpan.FromMinutes(1));
        var later = generator.Next();
        keys.Add(later.Value);

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(keys, keys.Order(StringComparer.Ordinal).ToList());
        Assert.All(keys, k => Assert.Equal(5, Tid.Parse(k).ClockId));
        Assert.Equal(clock.GetUtcNow().UtcDateTime, later.InstantUtc);
    }
}
