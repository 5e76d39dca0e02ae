using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.Web.Startup;

namespace PoliceFeeds.IntegrationTests.Sessions;

/// <summary>
/// Instances starting together on a new database all find the roles (and the bootstrap admin) missing and all insert
/// them: the seeding must still succeed everywhere, with one row each.
/// </summary>
public sealed class ConcurrentSeedingTests : IAsyncLifetime
{
    private const int Instances = 4;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "policefeeds-tests", "seed-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Parallel_seeding_on_one_sqlite_file_creates_each_role_and_the_admin_once()
    {
        // Every instance's inserts wait until all of them got past their "does it exist?" check: the race, every time.
        var barrier = new InsertBarrier(Instances);
        await using var setup = BuildInstance(barrier: null);
        await DatabaseMigrator.MigrateAsync(setup);

        var instances = Enumerable.Range(0, Instances).Select(_ => BuildInstance(barrier)).ToList();
        try
        {
            await Task.WhenAll(instances.Select(instance => Task.Run(async () =>
            {
                await using var scope = instance.CreateAsyncScope();
                var seeder = scope.ServiceProvider.GetRequiredService<UserSeeder>();
                await seeder.EnsureRolesAsync();
                await seeder.CreateNationalAdminAsync("premier.admin@example.fr", "Premier-Admin-2026!");
            })));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }

        Assert.True(barrier.RaceHappened, "the instances did not reach their inserts together");
        await using var check = setup.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        Assert.Equal(Roles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
        var admin = await db.Users.SingleAsync(u => u.Email == "premier.admin@example.fr");
        Assert.True(await check.ServiceProvider.GetRequiredService<UserManager<AppUser>>().IsInRoleAsync(admin, Roles.NationalAdmin));
    }

    private ServiceProvider BuildInstance(InsertBarrier? barrier)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseProviders.Sqlite,
            ["Database:DataDirectory"] = _folder,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        if (barrier is not null)
        {
            services.AddSingleton<IInterceptor>(barrier);
        }

        services.AddPoliceFeedsDatabase(configuration, _folder);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddHttpContextAccessor();
        services.AddLocalization();
        services.AddPoliceFeedsIdentity();
        services.AddScoped<UserSeeder>();
        return services.BuildServiceProvider();
    }

    /// <summary>Holds the first insert of each instance into AspNetRoles (and AspNetUsers) until all have arrived.</summary>
    private sealed class InsertBarrier(int participants) : DbCommandInterceptor
    {
        private readonly Dictionary<string, (int Count, TaskCompletionSource Released)> _tables = new()
        {
            ["AspNetRoles"] = (0, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)),
            ["AspNetUsers"] = (0, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)),
        };

        public bool RaceHappened { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var table = _tables.Keys.FirstOrDefault(t => command.CommandText.Contains($"INSERT INTO \"{t}\"", StringComparison.Ordinal));
            if (table is not null)
            {
                Task wait;
                lock (_tables)
                {
                    var (count, released) = _tables[table];
                    if (count >= participants)
                    {
                        return result;
                    }

                    _tables[table] = (++count, released);
                    if (count == participants)
                    {
                        RaceHappened = true;
                        released.TrySetResult();
                    }

                    wait = released.Task;
                }

                await wait.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }

            return result;
        }
    }
}
