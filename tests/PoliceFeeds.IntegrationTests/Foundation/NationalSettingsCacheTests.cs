using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.Foundation;

/// <summary>
/// The categories and the national switch are read once for many pages (<see cref="NationalSettingsCache"/>): a change saved
/// by the back office shows on the next page at once, and one made behind its back within the cache's age.
/// </summary>
public sealed class NationalSettingsCacheTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    [Fact]
    public async Task A_national_pause_saved_by_the_back_office_shows_on_the_next_home_page_and_its_end_too()
    {
        using var officer = factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);
        Assert.Null((await officer.GetPageAsync("/Messages")).QuerySelector("[data-testid='pause-banner']"));

        try
        {
            await SetNationalSwitchAsync(enabled: false, "Maintenance nationale");
            var paused = await officer.GetPageAsync("/Messages");
            var banner = paused.QuerySelector("[data-testid='pause-banner']");
            Assert.NotNull(banner);
            Assert.Contains("Maintenance nationale", banner.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            await SetNationalSwitchAsync(enabled: true, null);
        }

        Assert.Null((await officer.GetPageAsync("/Messages")).QuerySelector("[data-testid='pause-banner']"));
    }

    [Fact]
    public async Task A_category_renamed_by_a_save_is_shown_at_once_and_one_changed_behind_the_cache_s_back_within_its_age()
    {
        var cache = factory.Services.GetRequiredService<NationalSettingsCache>();
        var id = await PublishingTestData.WithDbAsync(factory, db => db.Categories.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var original = await PublishingTestData.WithDbAsync(factory, db => db.Categories.Where(c => c.Id == id).Select(c => c.Label).SingleAsync());
        try
        {
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
                Assert.Equal(original, (await cache.CategoriesAsync(db)).Single(c => c.Id == id).Label);
                (await db.Categories.SingleAsync(c => c.Id == id)).Label = "Libellé renommé";
                await db.SaveChangesAsync();
                Assert.Equal("Libellé renommé", (await cache.CategoriesAsync(db)).Single(c => c.Id == id).Label);
            }

            // Another instance on the same database: no save goes through this one, the cache's age bounds the delay.
            cache.MaxAge = TimeSpan.FromMilliseconds(200);
            await PublishingTestData.WithDbAsync(factory, db => db.Categories.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Label, "Libellé d'ailleurs")));
            await Task.Delay(300);
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
                Assert.Equal("Libellé d'ailleurs", (await cache.CategoriesAsync(db)).Single(c => c.Id == id).Label);
            }
        }
        finally
        {
            cache.MaxAge = TimeSpan.FromSeconds(5);
            await PublishingTestData.WithDbAsync(factory, db => db.Categories.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Label, original)));
            cache.Invalidate();
        }
    }

    [Fact]
    public async Task Every_connection_ef_core_opens_waits_for_the_write_lock_in_sqlite_s_own_busy_handler()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        for (var i = 0; i < 2; i++)
        {
            // The second open takes the pooled connection again: the timeout is set on every open, without a statement.
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout;";
            Assert.Equal(30_000L, (long)(await command.ExecuteScalarAsync())!);
            await db.Database.CloseConnectionAsync();
        }
    }

    private Task<int> SetNationalSwitchAsync(bool enabled, string? reason) =>
        PublishingTestData.WithDbAsync(factory, async db =>
        {
            var settings = await db.PublishingSettings.SingleAsync();
            settings.PublishingEnabled = enabled;
            settings.Reason = reason;
            return await db.SaveChangesAsync();
        });
}
