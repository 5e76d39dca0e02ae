using System.Text;

namespace PoliceFeeds.Core.Rollout;

/// <summary>Why a whole file is refused (each translated by the pages).</summary>
public enum CsvFileError
{
    None,
    Empty,
    TooLarge,
    TooManyRows,
    NotUtf8,
    UnclosedQuote,
    MissingColumns,
}

/// <summary>A file read as records: its separator and its lines (header first), each with its line number in the file.</summary>
public sealed record CsvDocument(char Separator, IReadOnlyList<CsvRecord> Records);

public sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields);

/// <summary>
/// Reads the CSV files people export from a spreadsheet: UTF-8 with or without a byte order mark, fields separated by
/// <c>;</c> (French Excel) or <c>,</c> (chosen from the header line, outside quotes), quoted fields with <c>""</c> for a
/// quote and line breaks inside, CRLF or LF, blank lines skipped. Invalid UTF-8 is refused rather than guessed.
/// </summary>
public static class CsvText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (CsvDocument? Document, CsvFileError Error) Parse(ReadOnlySpan<byte> bytes, int maxBytes, int maxRecords)
    {
        if (bytes.Length > maxBytes)
        {
            return (null, CsvFileError.TooLarge);
        }

        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return (null, CsvFileError.NotUtf8);
        }

        return Parse(text, maxRecords);
    }

    public static (CsvDocument? Document, CsvFileError Error) Parse(string text, int maxRecords)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var separator = DetectSeparator(text);
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && field.Length == 0 && !fieldStarted)
            {
                inQuotes = true;
                fieldStarted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = false;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                if (!EndRecord())
                {
                    return (null, CsvFileError.TooManyRows);
                }

                line++;
                recordLine = line;
            }
            else
            {
                // Text after a closing quote ("a"b) is kept as written, as spreadsheets do.
                field.Append(c);
                fieldStarted = true;
            }
        }

        if (inQuotes)
        {
            return (null, CsvFileError.UnclosedQuote);
        }

        if (!EndRecord())
        {
            return (null, CsvFileError.TooManyRows);
        }

        return records.Count == 0 ? (null, CsvFileError.Empty) : (new CsvDocument(separator, records), CsvFileError.None);

        bool EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldStarted = false;
            var blank = fields.All(f => f.Trim().Length == 0);
            if (!blank)
            {
                if (records.Count > maxRecords)
                {
                    return false;
                }

                records.Add(new CsvRecord(recordLine, fields.ToList()));
            }

            fields.Clear();
            return true;
        }
    }

    /// <summary>The separator of the first line: <c>;</c> unless the line has more commas than semicolons outside quotes.</summary>
    private static char DetectSeparator(string text)
    {
        int semicolons = 0, commas = 0;
        var inQuotes = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && c is '\r' or '\n')
            {
                if (semicolons + commas > 0)
                {
                    break;
                }
            }
            else if (!inQuotes && c == ';')
            {
                semicolons++;
            }
            else if (!inQuotes && c == ',')
            {
                commas++;
            }
        }

        return commas > semicolons ? ',' : ';';
    }
}
