using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using PoliceFeeds.Core.Archives;

namespace PoliceFeeds.Web.Pages.Archives;

/// <summary>What one archive covers: the department, the UTC instants read, its zone and its manifest's head.</summary>
public sealed record ArchiveRequest(int DepartmentId, DateTime FromUtc, DateTime EndUtc, TimeZoneInfo? Zone, ArchiveManifest Manifest);

/// <summary>
/// Writes an archive as a ZIP straight to a stream (the response): <c>LISEZMOI.txt</c>, <c>manifest.json</c>,
/// <c>manifest.csv</c>, then <c>photos/</c>. Each part is one pass over the period's posts in keyset pages
/// (<see cref="ArchiveQuery"/>), flushed as it goes: neither the archive nor the period is ever held in memory. A ZIP
/// can only be written one file after the other, hence a pass per file.
/// </summary>
public sealed class ArchiveWriter(ArchiveQuery query)
{
    /// <summary>Bytes of JSON held before they go on to the ZIP.</summary>
    private const int JsonFlushThreshold = 32 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // The archive is read by people: accents as themselves, not \u00e9 (the file is UTF-8 JSON, never HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task WriteAsync(Stream output, ArchiveRequest request, CancellationToken cancellationToken)
    {
        var sink = new AsyncDrainingStream(output);
        await using (var zip = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            await WriteEntryAsync(zip, sink, "LISEZMOI.txt", CompressionLevel.Optimal, async stream =>
                await stream.WriteAsync(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ArchiveReadme.Text(request.Manifest))).ToArray(), cancellationToken));
            await WriteEntryAsync(zip, sink, "manifest.json", CompressionLevel.Optimal, stream => WriteJsonAsync(stream, sink, request, cancellationToken));
            await WriteEntryAsync(zip, sink, "manifest.csv", CompressionLevel.Optimal, stream => WriteCsvAsync(stream, sink, request, cancellationToken));
            await foreach (var photo in query.PhotosAsync(request.DepartmentId, request.FromUtc, request.EndUtc, cancellationToken))
            {
                if (await query.PhotoContentAsync(photo.PhotoId, cancellationToken) is not { } content)
                {
                    continue;
                }

                // Photos are compressed already: stored as they are.
                await WriteEntryAsync(zip, sink, ArchiveRules.PhotoFile(photo.MessageId, photo.Position, photo.ContentType), CompressionLevel.NoCompression,
                    async stream => await stream.WriteAsync(content, cancellationToken));
            }
        }

        await sink.DrainAsync(cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    private static async Task WriteEntryAsync(ZipArchive zip, AsyncDrainingStream sink, string name, CompressionLevel level, Func<Stream, Task> write)
    {
        var entry = zip.CreateEntry(name, level);
        await using (var stream = await entry.OpenAsync())
        {
            await write(stream);
        }

        await sink.DrainAsync();
    }

    private async Task WriteJsonAsync(Stream stream, AsyncDrainingStream sink, ArchiveRequest request, CancellationToken cancellationToken)
    {
        var manifest = request.Manifest;
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = Json.Encoder });
        json.WriteStartObject();
        Property(json, "version", manifest.Version);
        Property(json, "generatedAtUtc", manifest.GeneratedAtUtc);
        Property(json, "generatedBy", manifest.GeneratedBy);
        Property(json, "department", manifest.Department);
        Property(json, "period", manifest.Period);
        Property(json, "scope", manifest.Scope);
        Property(json, "redactionNote", manifest.RedactionNote);
        Property(json, "counts", manifest.Counts);
        json.WriteStartArray("entries");
        await foreach (var entry in query.EntriesAsync(request.DepartmentId, request.FromUtc, request.EndUtc, request.Zone, cancellationToken))
        {
            JsonSerializer.Serialize(json, entry, Json);
            if (json.BytesPending > JsonFlushThreshold)
            {
                await json.FlushAsync(cancellationToken);
                await sink.DrainAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static void Property<T>(Utf8JsonWriter json, string name, T value)
    {
        json.WritePropertyName(name);
        JsonSerializer.Serialize(json, value, Json);
    }

    private async Task WriteCsvAsync(Stream stream, AsyncDrainingStream sink, ArchiveRequest request, CancellationToken cancellationToken)
    {
        // As the other CSV exports: semicolons, a byte order mark for the accents, formula injection escaped.
        var options = new CsvWriterOptions { Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        await using var csv = CsvWriter.Create(stream, options, leaveOpen: true);
        await csv.WriteRecordAsync(ArchiveCsv.Columns.ToArray(), cancellationToken);
        var rows = 0;
        await foreach (var entry in query.EntriesAsync(request.DepartmentId, request.FromUtc, request.EndUtc, request.Zone, cancellationToken))
        {
            await csv.WriteRecordAsync(ArchiveCsv.Row(entry), cancellationToken);
            if (++rows % ArchiveQuery.PageSize == 0)
            {
                await csv.FlushAsync(cancellationToken);
                await sink.DrainAsync(cancellationToken);
            }
        }

        await csv.FlushAsync(cancellationToken);
    }
}
