using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Photos;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Sandbox;
using PoliceFeeds.Core.Templates;
using PoliceFeeds.Core.Text;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.IntegrationTests.Foundation;

/// <summary>
/// Issue 13, item 9: every string the code can write fits its column on SQL Server. Each row is a column the validators,
/// the publisher or a channel write, with the longest value they can produce, taken from their own constants; the test
/// reads the column from EF Core's SQL Server model (never opened): nvarchar(n) holds n characters, nvarchar(max) any.
/// SQLite's TEXT has no limit, so only SQL Server can truncate (and fail the write).
/// </summary>
public sealed partial class ColumnLengthTests
{
    /// <summary>No bound in the code: only nvarchar(max) fits.</summary>
    private const int Unbounded = int.MaxValue;

    public static TheoryData<string, string, int> Written() => new()
    {
        // Compose page (MessageFormValidator): the text is capped at TweetText.MaxTextLength characters before X's
        // weighted count, and a URL counts 23 whatever its length, so a valid text can be far longer than 280.
        { nameof(Message), nameof(Message.Text), TweetText.MaxTextLength },
        // Its search form: NFKD folding can lengthen one character many times over (U+FDFA gives 18).
        { nameof(Message), nameof(Message.SearchText), Unbounded },
        { nameof(Message), nameof(Message.RejectionReason), Message.MaxReasonLength },
        { nameof(MessagePhoto), nameof(MessagePhoto.AltText), ImageFormat.MaxAltTextLength },
        // Templates (TemplateFormValidator): the text goes through the compose validator.
        { nameof(MessageTemplate), nameof(MessageTemplate.Text), TweetText.MaxTextLength },
        { nameof(MessageTemplate), nameof(MessageTemplate.Name), MessageTemplate.MaxNameLength },
        { nameof(MessageTemplate), nameof(MessageTemplate.Hashtags), MessageTemplate.MaxHashtagsLength },
        // Department page: the texts of the automatic follow-ups.
        { nameof(Department), nameof(Department.DeviationEndTemplate), TimeBoundDefaults.MaxTemplateLength },
        { nameof(Department), nameof(Department.FoundThanksTemplate), TimeBoundDefaults.MaxTemplateLength },
        // Publisher: a delivery's remote post and failure detail, the message's first post, the audit entry.
        { nameof(Delivery), nameof(Delivery.RemotePostId), Delivery.MaxPostIdLength },
        { nameof(Delivery), nameof(Delivery.RemotePostUrl), Delivery.MaxPostUrlLength },
        { nameof(Delivery), nameof(Delivery.FailureDetail), Delivery.MaxFailureDetailLength },
        { nameof(Message), nameof(Message.XPostId), Delivery.MaxPostIdLength },
        { nameof(Message), nameof(Message.XPostUrl), Delivery.MaxPostUrlLength },
        { nameof(AuditEntry), nameof(AuditEntry.Details), AuditEntry.MaxDetailsLength },
        // Training channel: the text (with its original's address in the reply fallback), the alt texts one per line.
        { nameof(SandboxPost), nameof(SandboxPost.PostId), Delivery.MaxPostIdLength },
        { nameof(SandboxPost), nameof(SandboxPost.InReplyToPostId), Delivery.MaxPostIdLength },
        { nameof(SandboxPost), nameof(SandboxPost.Text), TrainingPublishingChannel.MaxTextLength },
        { nameof(SandboxPost), nameof(SandboxPost.AltTexts), TrainingPublishingChannel.MaxAltTextsLength },
    };

    [Theory]
    [MemberData(nameof(Written))]
    public void The_longest_value_the_code_writes_fits_its_SQL_Server_column(string entity, string property, int longest)
    {
        using var db = SqlServer();
        var column = db.Model.GetEntityTypes().Single(e => e.ClrType.Name == entity).FindProperty(property)
            ?? throw new InvalidOperationException($"{entity}.{property} is not mapped");
        var storeType = column.GetColumnType();

        var capacity = Capacity(storeType);

        Assert.True(longest <= capacity, $"{entity}.{property}: the code can write {(longest == Unbounded ? "an unbounded string" : $"{longest} characters")}, the SQL Server column is {storeType} (max length {column.GetMaxLength()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})");
    }

    [Fact]
    public void The_capacity_of_a_store_type_is_read_right()
    {
        Assert.Equal(4000, Capacity("nvarchar(4000)"));
        Assert.Equal(Unbounded, Capacity("nvarchar(max)"));
        Assert.Equal(19, Capacity("nvarchar(19)"));
        Assert.Throws<InvalidOperationException>(() => Capacity("int"));
    }

    private static int Capacity(string storeType) =>
        storeType.EndsWith("(max)", StringComparison.OrdinalIgnoreCase) ? Unbounded
        : StoreTypeLength().Match(storeType) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"not a sized string type: {storeType}");

    private static PoliceFeedsDbContext SqlServer()
    {
        var options = new DbContextOptionsBuilder<PoliceFeedsDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, new DatabaseOptions { Provider = DatabaseProviders.SqlServer, ConnectionString = "Server=never-opened.invalid;Database=PoliceFeeds;TrustServerCertificate=True;Connect Timeout=1" }, ".");
        return new PoliceFeedsDbContext(options.Options);
    }

    [GeneratedRegex(@"^n?(?:var)?char\((\d+)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex StoreTypeLength();
}
