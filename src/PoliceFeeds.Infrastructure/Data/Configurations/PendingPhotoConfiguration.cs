using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Photos;
using PoliceFeeds.Infrastructure.Identity;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class PendingPhotoConfiguration : IEntityTypeConfiguration<PendingPhoto>
{
    public void Configure(EntityTypeBuilder<PendingPhoto> builder)
    {
        builder.ToTable("PendingPhotos");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Token).HasMaxLength(PendingPhoto.TokenLength).IsRequired();
        builder.Property(p => p.Content).IsRequired();
        builder.HasIndex(p => p.Token).IsUnique();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.UserId, p.CreatedAtUtc });
        builder.HasIndex(p => p.ExpiresAtUtc);
    }
}
