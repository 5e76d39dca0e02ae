using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.SensitiveWords;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class SensitiveWordConfiguration : IEntityTypeConfiguration<SensitiveWord>
{
    public void Configure(EntityTypeBuilder<SensitiveWord> builder)
    {
        builder.Property(w => w.Phrase).HasMaxLength(SensitiveWord.MaxPhraseLength).IsRequired();
        // The folded form can be longer than the phrase (ligatures spelt out).
        builder.Property(w => w.Key).HasMaxLength(SensitiveWord.MaxPhraseLength * 2).IsRequired();
        builder.Property(w => w.CreatedById).HasMaxLength(450).IsRequired();
        builder.HasOne<Department>().WithMany().HasForeignKey(w => w.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        // The compose page reads the national list and one department's: by department. (A phrase is unique per list:
        // checked by the page, since a unique index over a nullable column treats NULLs differently on each provider.)
        builder.HasIndex(w => new { w.DepartmentId, w.Key });
    }
}
