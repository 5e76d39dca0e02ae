using PoliceFeeds.Core.Networks.Bluesky;
using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.UnitTests.Publishing;

public sealed class DeliveryKeysTests
{
    [Theory]
    [InlineData("2000-01-01T00:00:00Z")]
    [InlineData("2026-02-28T23:59:59.999Z")]
    [InlineData("2028-02-29T12:00:00Z")]
    [InlineData("2026-12-31T23:59:59.9999999Z")]
    public void A_delivery_key_is_a_record_key_bluesky_accepts(string at)
    {
        var key = DeliveryKeys.New(DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal));

        Assert.True(DeliveryKeys.IsValid(key));
        Assert.True(Tid.IsValid(key), key);
        Assert.True(key.Length <= Delivery.MaxClientKeyLength);
    }

    [Fact]
    public void Keys_never_repeat_and_grow_with_time_even_at_the_same_instant()
    {
        var at = new DateTime(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
        var keys = Enumerable.Range(0, 1000).Select(_ => DeliveryKeys.New(at)).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(keys, keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_encoding_is_the_reference_one()
    {
        // Zero is all '2's; the largest timestamp with clock id 1023 fills 63 bits of the 65 that 13 characters hold.
        Assert.Equal("2222222222222", DeliveryKeys.Encode(0, 0));
        Assert.Equal("bzzzzzzzzzzzz", DeliveryKeys.Encode((1L << 53) - 1, 1023));
        Assert.False(DeliveryKeys.IsValid("kzzzzzzzzzzzz"));
        Assert.False(DeliveryKeys.IsValid("3jzfcijpj2z2"));
    }
}
