using System.Net;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Foundation;

/// <summary>
/// <c>Database:ConnectionString</c> takes a file path, as the README's table shows (<c>data/policefeeds.db</c>), or a
/// connection string; anything else stops the start with one line naming the setting and what it expects.
/// </summary>
public sealed class DatabaseConnectionStringTests : IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_file_path_as_the_connection_string_is_the_sqlite_database()
    {
        var file = Path.Combine(_factory.DataDirectory, "ailleurs", "base.db");
        _factory.Settings["Publishing:RunHostedService"] = "false";
        _factory.Settings["Database:Provider"] = DatabaseProviders.Sqlite;
        _factory.Settings["Database:ConnectionString"] = file;

        using var client = _factory.CreateTestClient();
        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(File.Exists(file));
        await client.SignInAsync(DemoUsers.Officer44);
    }

    [Theory]
    [InlineData("Data Sourc=/tmp/x.db")]
    [InlineData("Data Source=/tmp/x.db;Mode=Perhaps")]
    public void A_connection_string_sqlite_cannot_read_names_the_setting_and_what_it_expects(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            DatabaseServiceCollectionExtensions.SqliteConnectionString(new DatabaseOptions { ConnectionString = value }, _factory.DataDirectory));

        Assert.StartsWith("Database:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("file path", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Environment.NewLine, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_path_is_resolved_and_its_folder_created()
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(_factory.DataDirectory, "relatif", "policefeeds.db"));

        var connectionString = DatabaseServiceCollectionExtensions.SqliteConnectionString(new DatabaseOptions { ConnectionString = relative }, _factory.DataDirectory);

        Assert.Equal(Path.Combine(_factory.DataDirectory, "relatif", "policefeeds.db"), new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource);
        Assert.True(Directory.Exists(Path.Combine(_factory.DataDirectory, "relatif")));
    }
}
