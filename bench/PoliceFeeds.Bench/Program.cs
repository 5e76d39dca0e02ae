using PoliceFeeds.Bench;

// WebApplicationFactory finds the web project's content root from this variable when run outside a test project.
var root = new DirectoryInfo(AppContext.BaseDirectory);
while (root is not null && !File.Exists(Path.Combine(root.FullName, "PoliceFeeds.sln")))
{
    root = root.Parent;
}

if (root is not null)
{
    Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_POLICEFEEDS_WEB", Path.Combine(root.FullName, "src", "PoliceFeeds.Web"));
}

return args.FirstOrDefault() switch
{
    "publisher" => await PublisherBenchmark.RunAsync(),
    "home" => await HomePageBenchmark.RunAsync(args.Skip(1).Select(int.Parse).DefaultIfEmpty(10_000).ToArray()),
    "report" => await ReportBenchmark.RunAsync(args.Skip(1).Select(int.Parse).DefaultIfEmpty(10_000).ToArray()),
    "text" => TextBenchmark.Run(),
    "uploads" => await UploadsBenchmark.RunAsync(),
    "archive" => await ArchiveBenchmark.RunAsync(args.Skip(1).Select(int.Parse).DefaultIfEmpty(2_000).ToArray() is { Length: 1 } one ? [one[0], one[0] * 10] : args.Skip(1).Select(int.Parse).ToArray()),
    "smoke" => await Smoke.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/PoliceFeeds.Bench -- publisher | home [messages...] | report [messages...] | text | uploads | archive [messages...] (one size N: N and 10 × N) | smoke (every benchmark once, tiny and untimed)");
    return 2;
}
