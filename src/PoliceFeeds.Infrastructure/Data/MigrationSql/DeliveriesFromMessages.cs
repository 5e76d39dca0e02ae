using Microsoft.EntityFrameworkCore.Migrations;

namespace PoliceFeeds.Infrastructure.Data.MigrationSql;

/// <summary>
/// Data carried over when deliveries were split from messages (SQL valid on SQLite and SQL Server alike: bracketed
/// names, CASE, LIKE). Called at the end of the "Deliveries" migration's Up (the table exists, the message columns still
/// do) and at the end of the "DropMessagePublishingColumns" migration's Down (the columns are back, the table still there).
/// </summary>
public static class DeliveriesFromMessages
{
    /// <summary>
    /// One delivery per message that reached the publisher, to its department's account: status, attempts, next attempt,
    /// the pending attempt as the "possibly sent" marker (a lease in hand is dropped: the publisher reconciles it), the post,
    /// and the old French sentence kept as the detail beside a failure code read from it. A post on the training timeline is
    /// a training delivery; another post was live; an unsent message goes where its account is now.
    /// </summary>
    public static void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("UPDATE [Departments] SET [ReplyFallback] = 1;");
        var sql = """
            INSERT INTO [Deliveries] ([MessageId], [DepartmentId], [AccountId], [Mode], [Status], [NextAttemptAtUtc], [Attempts],
                [PossiblySentSinceUtc], [LastAttemptAtUtc], [RemotePostId], [RemotePostUrl], [SentAtUtc], [WithdrawnAtUtc],
                [Failure], [FailureDetail], [FailedAtUtc], [Hold], [ReplyFallbackUsed], [WithdrawIfFound], [Version])
            SELECT m.[Id], m.[DepartmentId], a.[Id],
                CASE WHEN m.[XPostId] IS NOT NULL AND EXISTS (SELECT 1 FROM [SandboxPosts] p WHERE p.[PostId] = m.[XPostId]) THEN 0
                     WHEN m.[XPostId] IS NOT NULL THEN 1
                     ELSE a.[Mode] END,
                CASE m.[Status] WHEN 2 THEN 0 WHEN 3 THEN 0 WHEN 4 THEN 2 WHEN 5 THEN 3 WHEN 8 THEN 6 WHEN 9 THEN 6 ELSE 8 END,
                m.[NextAttemptAtUtc], m.[Attempts], m.[AttemptStartedAtUtc], m.[AttemptStartedAtUtc], m.[XPostId], m.[XPostUrl],
                m.[PublishedAtUtc], m.[WithdrawnAtUtc],
                CASE WHEN m.[LastError] IS NULL THEN 0
                     WHEN m.[LastError] LIKE 'X refuse ce message car un texte identique%' THEN 5
                     WHEN m.[LastError] LIKE 'X a refusé le message%' THEN 6
                     WHEN m.[LastError] LIKE '%Abandon après%' THEN 1
                     WHEN m.[LastError] LIKE 'Le message d''origine n''est plus en ligne%' THEN 7
                     WHEN m.[LastError] LIKE 'La suppression du post a échoué%' THEN 11
                     WHEN m.[LastError] LIKE 'Limite de%' THEN 2
                     WHEN m.[LastError] LIKE '%reconnect%' THEN 3
                     WHEN m.[LastError] LIKE 'Vérification impossible%' THEN 8
                     WHEN m.[LastError] LIKE '%momentanément indisponible%' THEN 1
                     ELSE 6 END,
                m.[LastError], m.[LastErrorAtUtc], 0, 0, 0, 0
            FROM [Messages] m
            INNER JOIN [XAccounts] a ON a.[DepartmentId] = m.[DepartmentId]
            WHERE m.[Status] IN (2, 3, 4, 5, 8, 9, 10);
            """;

        // SQL Server reads a literal with accents as Unicode only with N'...'; SQLite knows no such prefix.
        migrationBuilder.Sql(migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.SqlServer" ? sql.Replace("LIKE '", "LIKE N'", StringComparison.Ordinal) : sql);

        // A claim in hand is dropped with the old lease columns: the delivery is back in its queue.
        migrationBuilder.Sql("UPDATE [Messages] SET [Status] = 2 WHERE [Status] = 3;");
        migrationBuilder.Sql("UPDATE [Messages] SET [Status] = 8 WHERE [Status] = 9;");
    }

    /// <summary>The message columns filled back from each message's first delivery (the table is dropped after).</summary>
    public static void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            UPDATE [Messages] SET
                [Attempts] = COALESCE((SELECT d.[Attempts] FROM [Deliveries] d WHERE d.[Id] = (SELECT MIN(x.[Id]) FROM [Deliveries] x WHERE x.[MessageId] = [Messages].[Id])), 0),
                [AttemptStartedAtUtc] = (SELECT d.[PossiblySentSinceUtc] FROM [Deliveries] d WHERE d.[Id] = (SELECT MIN(x.[Id]) FROM [Deliveries] x WHERE x.[MessageId] = [Messages].[Id])),
                [LastError] = (SELECT d.[FailureDetail] FROM [Deliveries] d WHERE d.[Id] = (SELECT MIN(x.[Id]) FROM [Deliveries] x WHERE x.[MessageId] = [Messages].[Id])),
                [LastErrorAtUtc] = (SELECT d.[FailedAtUtc] FROM [Deliveries] d WHERE d.[Id] = (SELECT MIN(x.[Id]) FROM [Deliveries] x WHERE x.[MessageId] = [Messages].[Id]));
            """);
    }
}
