using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.Infrastructure.Seeding;

namespace PoliceFeeds.Web.Startup;

/// <summary>Creates the roles, the demo users (Development only) and the bootstrap national admin.</summary>
public sealed class UserSeeder(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    PoliceFeedsDbContext db,
    TimeProvider timeProvider,
    ILogger<UserSeeder> logger)
{
    /// <summary>The password of every demo user, for local use only (the README gives it).</summary>
    public const string DemoPassword = "Demo-PoliceFeeds-2026!";

    public const string DemoAdminEmail = "admin@demo.policefeeds.fr";

    /// <summary>
    /// Authenticator key of the demo national admin (local use only, like the demo password): add it to any TOTP app.
    /// </summary>
    public const string DemoAdminAuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public static string DemoOfficerEmail(string departmentCode) => $"officier{departmentCode}@demo.policefeeds.fr";

    public static string DemoValidatorEmail(string departmentCode) => $"validateur{departmentCode}@demo.policefeeds.fr";

    /// <summary>
    /// Creates the missing roles. Several instances starting together on a new database may all find a role missing:
    /// the ones that lose the race on the unique index find it created and go on.
    /// </summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (await roleManager.RoleExistsAsync(role))
            {
                continue;
            }

            var created = await TryCreateAsync(() => roleManager.CreateAsync(new IdentityRole(role)));
            if (created is { Succeeded: true })
            {
                continue;
            }

            if (!await roleManager.RoleExistsAsync(role))
            {
                Check(created ?? IdentityResult.Failed(new IdentityError { Description = "unique index conflict" }), $"role {role}");
            }

            logger.LogInformation("Role {Role} was created by another instance meanwhile", role);
        }
    }

    public async Task SeedDemoUsersAsync()
    {
        await EnsureUserAsync(DemoAdminEmail, "Administratrice nationale (démo)", DemoPassword, [Roles.NationalAdmin], []);
        var admin = await userManager.FindByEmailAsync(DemoAdminEmail);
        if (admin is not null && !admin.TwoFactorEnabled)
        {
            await userManager.SetAuthenticationTokenAsync(admin, "[AspNetUserStore]", "AuthenticatorKey", DemoAdminAuthenticatorKey);
            await userManager.SetTwoFactorEnabledAsync(admin, true);
        }
        foreach (var department in PilotSeed.Departments)
        {
            if (!await db.Departments.AnyAsync(d => d.Id == department.Id))
            {
                continue;
            }

            await EnsureUserAsync(DemoOfficerEmail(department.Code), $"Officier de communication {department.Code} (démo)", DemoPassword, [Roles.Officer], [department.Id]);
            await EnsureUserAsync(DemoValidatorEmail(department.Code), $"Officier valideur {department.Code} (démo)", DemoPassword, [Roles.Validator], [department.Id]);
        }
    }

    /// <summary>Creates a national admin if none exists with that e-mail. Returns false when nothing was created.</summary>
    public async Task<bool> CreateNationalAdminAsync(string email, string password)
    {
        if (await userManager.FindByEmailAsync(email) is not null)
        {
            return false;
        }

        if (!await EnsureUserAsync(email, email, password, [Roles.NationalAdmin], []))
        {
            return false;
        }

        logger.LogInformation("Created national administrator {Email}", email);
        return true;
    }

    /// <summary>Creates the user unless it exists (or another instance creates it meanwhile). True when created here.</summary>
    private async Task<bool> EnsureUserAsync(string email, string displayName, string password, string[] roles, int[] departmentIds)
    {
        if (await userManager.FindByEmailAsync(email) is not null)
        {
            return false;
        }

        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            CreatedAtUtc = timeProvider.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        var created = await TryCreateAsync(() => userManager.CreateAsync(user, password));
        if (created is not { Succeeded: true })
        {
            if (await userManager.FindByEmailAsync(email) is not null)
            {
                // Another instance created it meanwhile.
                return false;
            }

            Check(created ?? IdentityResult.Failed(new IdentityError { Description = "unique index conflict" }), $"user {email}");
        }

        Check(await userManager.AddToRolesAsync(user, roles), $"roles of {email}");
        foreach (var departmentId in departmentIds)
        {
            db.UserDepartments.Add(new UserDepartment { UserId = user.Id, DepartmentId = departmentId });
        }

        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = timeProvider.GetUtcNow().UtcDateTime,
            ActorId = SystemActors.Seed,
            Action = "user.created",
            EntityType = "User",
            EntityId = user.Id,
            Details = $"{email} ({string.Join(", ", roles)})",
        });
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>Runs a create; a unique-index conflict (another instance was first) answers null, with nothing left tracked.</summary>
    private async Task<IdentityResult?> TryCreateAsync(Func<Task<IdentityResult>> create)
    {
        try
        {
            return await create();
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation(ex, "Seeding met a row created by another instance");
            db.ChangeTracker.Clear();
            return null;
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
