using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PoliceFeeds.IntegrationTests.Networks.Bluesky;

[CollectionDefinition(Name)]
public sealed class BlueskyPdsCollection : ICollectionFixture<BlueskyPdsFixture>
{
    public const string Name = "Bluesky PDS";
}

/// <summary>A Bluesky account made on the test PDS, with an app password for PoliceFeeds.</summary>
public sealed record PdsAccount(string Did, string Handle, string AppPassword);

/// <summary>
/// One real Bluesky PDS for the whole test run (tests/bluesky-pds/start.mjs: @atproto/pds with an in-memory PLC, on a
/// free loopback port, data in a temporary folder). It sets itself up on a bare machine: <c>npm ci</c> in that folder
/// when its node_modules is missing or was installed from another package-lock.json or Node version (the first run
/// builds better-sqlite3 from source, about 2.5 minutes on 2 cores). Without Node.js and npm it fails, saying what to
/// install: these tests never skip silently.
/// </summary>
public sealed class BlueskyPdsFixture : IAsyncLifetime
{
    private static readonly TimeSpan NpmCiLimit = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private Process? _pds;
    private readonly StringBuilder _errors = new();
    private int _accounts;

    public Uri Url { get; private set; } = null!;

    /// <summary>tests/bluesky-pds, with its node_modules installed.</summary>
    public string Folder { get; } = Path.Combine(RepositoryRoot(), "tests", "bluesky-pds");

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>What the set-up took, for the report (npm ci, start).</summary>
    public string Timings { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var folder = Folder;
        var node = await RunAsync("node", "--version", folder, TimeSpan.FromSeconds(30), required: "Node.js 20 or later (apt-get install nodejs npm)");
        var stamp = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(folder, "package-lock.json")))) + " " + node.Trim();
        var stampFile = Path.Combine(folder, "node_modules", ".policefeeds-installed");
        var installed = File.Exists(stampFile) ? await File.ReadAllTextAsync(stampFile) : null;
        var npmCi = TimeSpan.Zero;
        if (installed != stamp)
        {
            var started = Stopwatch.GetTimestamp();
            await RunAsync("npm", "ci --no-audit --no-fund", folder, NpmCiLimit, required: "npm (apt-get install npm)");
            npmCi = Stopwatch.GetElapsedTime(started);
            await File.WriteAllTextAsync(stampFile, stamp);
        }

        var start = Stopwatch.GetTimestamp();
        var info = new ProcessStartInfo("node", "start.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _pds = Process.Start(info) ?? throw new InvalidOperationException("node start.mjs did not start");
        _pds.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _pds.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(StartLimit);
        while (true)
        {
            string? line;
            try
            {
                line = await _pds.StandardOutput.ReadLineAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new InvalidOperationException($"The test PDS did not say it was ready within {StartLimit.TotalSeconds} s. Its errors:\n{Errors()}");
            }

            if (line is null)
            {
                throw new InvalidOperationException($"The test PDS stopped before it was ready. Its errors:\n{Errors()}");
            }

            if (line.StartsWith("PDS ready ", StringComparison.Ordinal))
            {
                using var ready = JsonDocument.Parse(line["PDS ready ".Length..]);
                Url = new Uri(ready.RootElement.GetProperty("url").GetString()!);
                break;
            }
        }

        // The PDS writes nothing more to stdout that matters; keep draining it so it never blocks.
        _ = _pds.StandardOutput.ReadToEndAsync();
        Timings = $"npm ci {npmCi.TotalSeconds:0.0} s, PDS start {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s";
    }

    /// <summary>A new account (handle <c>NAME.test</c>) and an app password for it: each test has a repository of its own.</summary>
    public async Task<PdsAccount> CreateAccountAsync(string name)
    {
        var handle = $"{name}{Interlocked.Increment(ref _accounts)}.test";
        using var created = await Http.PostAsJsonAsync(
            new Uri(Url, "xrpc/com.atproto.server.createAccount"),
            new { handle, email = $"{handle}@policefeeds.test", password = "main-password-" + Guid.NewGuid() });
        var account = await Read(created);
        var access = account["accessJwt"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Url, "xrpc/com.atproto.server.createAppPassword"))
        {
            Content = JsonContent.Create(new { name = "PoliceFeeds" }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", access);
        using var appPassword = await Http.SendAsync(request);
        return new PdsAccount(account["did"]!.GetValue<string>(), handle, (await Read(appPassword))["password"]!.GetValue<string>());
    }

    /// <summary>Reads a record straight from the PDS (no app view here).</summary>
    public async Task<JsonObject?> GetRecordAsync(string did, string rkey)
    {
        using var answer = await Http.GetAsync(new Uri(Url, $"xrpc/com.atproto.repo.getRecord?repo={did}&collection=app.bsky.feed.post&rkey={rkey}"));
        return answer.IsSuccessStatusCode ? await Read(answer) : null;
    }

    /// <summary>Every post record of a repository.</summary>
    public async Task<List<JsonObject>> ListRecordsAsync(string did)
    {
        using var answer = await Http.GetAsync(new Uri(Url, $"xrpc/com.atproto.repo.listRecords?repo={did}&collection=app.bsky.feed.post&limit=100"));
        return (await Read(answer))["records"]!.AsArray().Select(r => r!.AsObject()).ToList();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_pds is null)
        {
            return;
        }

        // Closing its standard input stops it (and removes its temporary folder); killed if it does not.
        _pds.StandardInput.Close();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _pds.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _pds.Kill(entireProcessTree: true);
        }

        _pds.Dispose();
    }

    private static async Task<JsonObject> Read(HttpResponseMessage answer)
    {
        var body = await answer.Content.ReadAsStringAsync();
        return answer.IsSuccessStatusCode
            ? JsonNode.Parse(body)!.AsObject()
            : throw new InvalidOperationException($"The test PDS answered {(int)answer.StatusCode}: {body}");
    }

    private string Errors()
    {
        lock (_errors)
        {
            return _errors.ToString();
        }
    }

    /// <summary>Runs a Node script of <see cref="Folder"/> and gives what it printed.</summary>
    public Task<string> RunNodeAsync(string script) => RunAsync("node", script, Folder, TimeSpan.FromSeconds(60), required: "Node.js 20 or later");

    private static async Task<string> RunAsync(string file, string arguments, string folder, TimeSpan limit, string required)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // better-sqlite3 has no prebuilt binary to download here: npm builds it against the system's Node headers.
        if (File.Exists("/usr/include/node/node.h"))
        {
            info.Environment["npm_config_nodedir"] = "/usr";
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"The Bluesky tests run a real PDS and need {required}: \"{file}\" was not found ({ex.Message}).", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{file} {arguments} in {folder} took more than {limit.TotalMinutes} minutes.");
            }

            return process.ExitCode == 0
                ? await output
                : throw new InvalidOperationException($"{file} {arguments} in {folder} failed ({process.ExitCode}):\n{await errors}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PoliceFeeds.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PoliceFeeds.sln not found above the test binaries.");
    }
}
