namespace PoliceFeeds.Core.Scheduling;

/// <summary>
/// The days the pages work with: 2000 to 2100. A day typed or put in an address beyond them (year 1, year 9999) is
/// brought to the nearest supported day, so that no date arithmetic ever leaves what <see cref="DateOnly"/> can hold.
/// </summary>
public static class SupportedDays
{
    public static readonly DateOnly First = new(2000, 1, 1);

    public static readonly DateOnly Last = new(2100, 12, 31);

    public static bool Contains(DateOnly day) => day >= First && day <= Last;

    public static DateOnly Clamp(DateOnly day) => day < First ? First : day > Last ? Last : day;
}
