using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Admin;

/// <summary>The app with a tiny export page (3 entries), so that a few entries go through the keyset paging path.</summary>
public sealed class AuditExportFixture : IAsyncLifetime
{
    public const int PageSize = 3;

    public PoliceFeedsAppFactory Factory { get; } = new();

    public Task InitializeAsync()
    {
        Factory.Settings["Publishing:RunHostedService"] = "false";
        Factory.Settings["Audit:PageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _ = Factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>The audit CSV streams every matching entry, page after page, with no cap, escaped, under its French headers.</summary>
public sealed class AuditExportTests(AuditExportFixture fixture) : IClassFixture<AuditExportFixture>
{
    [Fact]
    public async Task Every_matching_entry_comes_out_across_many_pages_in_id_order_and_correctly_escaped()
    {
        // Eleven entries of an action of their own (three pages and a bit), with the characters a CSV must escape.
        const string action = "test.export";
        string[] details =
        [
            "simple", "avec ; point-virgule", "avec \"guillemets\"", "sur\ndeux lignes", "=SOMME(A1)", "+33 6 00 00 00 00",
            "-1", "@cellule", "accents éèàç œ", "", "dernier",
        ];
        await using (var scope = fixture.Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
            var at = fixture.Factory.UtcNow;
            db.AuditEntries.AddRange(details.Select((d, i) => new AuditEntry
            {
                AtUtc = at.AddSeconds(i),
                ActorId = SystemActors.Publisher,
                ActorName = "Publication automatique",
                Action = action,
                EntityType = "Message",
                EntityId = (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                DepartmentId = DemoUsers.Department44,
                Details = d.Length == 0 ? null : d,
            }));
            await db.SaveChangesAsync();
        }

        using var admin = fixture.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        using var export = await admin.GetAsync($"/Admin/Audit?handler=Export&action={action}");

        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith("journal-policefeeds-", export.Content.Headers.ContentDisposition.FileNameStar ?? export.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = Parse(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(["N°", "Date (UTC)", "Auteur", "Action"], rows[0][..4]);
        Assert.Equal(10, rows[0].Length);

        var lines = rows.Skip(1).ToList();
        Assert.Equal(details.Length, lines.Count);
        Assert.True(details.Length > 3 * AuditExportFixture.PageSize);
        var ids = lines.Select(l => long.Parse(l[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.All(lines, l => Assert.Equal(action, l[3]));
        Assert.All(lines, l => Assert.Equal("44", l[6]));
        Assert.All(lines, l => Assert.Equal("Publication automatique", l[2]));
        Assert.Equal(Enumerable.Range(1000, details.Length).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines.Select(l => l[5]));

        // Separators, quotes and line breaks come back as typed; a formula is escaped (a leading quote), not run.
        var exported = lines.Select(l => l[9]).ToList();
        Assert.Equal(["simple", "avec ; point-virgule", "avec \"guillemets\"", "sur\ndeux lignes"], exported[..4]);
        foreach (var formula in exported[4..8])
        {
            Assert.False(formula.Length > 0 && "=+-@".Contains(formula[0], StringComparison.Ordinal), $"A formula was exported as is: {formula}");
        }

        Assert.Equal(details[4..8], exported[4..8].Select(f => f.TrimStart('\'')));
        Assert.Equal(["accents éèàç œ", "", "dernier"], exported[8..]);
    }

    [Fact]
    public async Task An_export_of_more_entries_than_a_page_matches_the_filtered_count_exactly()
    {
        // Whatever the trail holds (sign-ins, seeds, other tests' entries), every entry comes out once.
        using var admin = fixture.Factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        using var export = await admin.GetAsync("/Admin/Audit?handler=Export");
        var rows = Parse(Encoding.UTF8.GetString((await export.Content.ReadAsByteArrayAsync())[3..]));

        await using var scope = fixture.Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var expected = await db.AuditEntries.Where(a => a.Id <= rows.Skip(1).Select(r => long.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max())
            .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        Assert.True(expected.Count > AuditExportFixture.PageSize);
        Assert.Equal(expected, rows.Skip(1).Select(r => long.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>RFC 4180 with semicolons: quoted fields may hold separators, doubled quotes and line breaks.</summary>
    private static List<string[]> Parse(string csv)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ';')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }
}
