using PoliceFeeds.Core.Photos;

namespace PoliceFeeds.UnitTests.Photos;

public sealed class PendingPhotoTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(ImageFormat.MaxGifBytes, true)]
    [InlineData(ImageFormat.MaxGifBytes + 1, false)]
    public void Only_a_photo_within_the_largest_upload_size_is_kept(long length, bool expected) =>
        Assert.Equal(expected, PendingPhoto.IsKeepable(length));

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("0123456789ABCDEF0123456789ABCDEF", false)]
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("0123456789abcdef0123456789abcdeg", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_a_token_of_the_store_s_shape_is_looked_up(string? token, bool expected) =>
        Assert.Equal(expected, PendingPhoto.IsWellFormedToken(token));

    [Fact]
    public void A_user_keeps_at_most_a_few_forms_worth_of_photos() =>
        Assert.True(PendingPhoto.MaxPerUser >= ImageFormat.MaxPhotosPerMessage);
}
