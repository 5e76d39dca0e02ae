using System.Text;
using PoliceFeeds.Core.Rollout;

namespace PoliceFeeds.UnitTests.Rollout;

public sealed class CsvTextTests
{
    private static (CsvDocument? Document, CsvFileError Error) Parse(string text, int maxRecords = 10) => CsvText.Parse(Encoding.UTF8.GetBytes(text), 10_000, maxRecords);

    private static List<List<string>> Fields(string text) => Parse(text).Document!.Records.Select(r => r.Fields.ToList()).ToList();

    [Fact]
    public void Semicolons_are_the_separator_of_a_french_spreadsheet()
    {
        var (document, error) = Parse("email;nom\r\na@b.fr;Dupont, Jean\r\n");
        Assert.Equal(CsvFileError.None, error);
        Assert.Equal(';', document!.Separator);
        Assert.Equal(["a@b.fr", "Dupont, Jean"], document.Records[1].Fields);
    }

    [Fact]
    public void Commas_are_the_separator_when_the_header_has_more_of_them()
    {
        var (document, _) = Parse("email,nom,role\na@b.fr,\"Dupont; Jean\",officier");
        Assert.Equal(',', document!.Separator);
        Assert.Equal(["a@b.fr", "Dupont; Jean", "officier"], document.Records[1].Fields);
    }

    [Fact]
    public void Quoted_fields_keep_separators_doubled_quotes_and_line_breaks()
    {
        var rows = Fields("a;b\n\"x;y\";\"il a dit \"\"bonjour\"\"\"\n\"ligne\nsuivante\";z\n");
        Assert.Equal(["x;y", "il a dit \"bonjour\""], rows[1]);
        Assert.Equal(["ligne\nsuivante", "z"], rows[2]);
    }

    [Fact]
    public void A_record_spanning_lines_keeps_the_line_number_where_it_starts_and_the_next_one_counts_the_break()
    {
        var (document, _) = Parse("a;b\n\"1\n2\";x\ny;z");
        Assert.Equal([1, 2, 4], document!.Records.Select(r => r.LineNumber));
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_header()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("email;nom\nà@b.fr;Élodie")).ToArray();
        var (document, error) = CsvText.Parse(bytes, 10_000, 10);
        Assert.Equal(CsvFileError.None, error);
        Assert.Equal("email", document!.Records[0].Fields[0]);
        Assert.Equal("Élodie", document.Records[1].Fields[1]);
    }

    [Fact]
    public void Latin1_bytes_are_refused_not_guessed()
    {
        var latin1 = new byte[] { (byte)'n', (byte)'o', (byte)'m', (byte)'\n', (byte)'R', 0xE9, (byte)'m', (byte)'i' };
        Assert.Equal(CsvFileError.NotUtf8, CsvText.Parse(latin1, 10_000, 10).Error);
    }

    [Fact]
    public void Blank_lines_and_a_missing_final_line_break_are_fine()
    {
        var rows = Fields("a;b\r\n\r\n;\r\n1;2");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["1", "2"], rows[1]);
    }

    [Fact]
    public void An_unclosed_quote_refuses_the_file()
    {
        Assert.Equal(CsvFileError.UnclosedQuote, Parse("a;b\n\"x;y\n1;2").Error);
    }

    [Fact]
    public void An_empty_file_is_refused() => Assert.Equal(CsvFileError.Empty, Parse("\r\n  \r\n").Error);

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_reading() =>
        Assert.Equal(CsvFileError.TooLarge, CsvText.Parse(new byte[101], 100, 10).Error);

    [Fact]
    public void More_rows_than_the_limit_are_refused_the_header_not_counted()
    {
        Assert.Equal(CsvFileError.None, Parse("h\n1\n2\n3", maxRecords: 3).Error);
        Assert.Equal(CsvFileError.TooManyRows, Parse("h\n1\n2\n3\n4", maxRecords: 3).Error);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_kept()
    {
        Assert.Equal(["ab", "c"], Fields("x;y\n\"a\"b;c")[1]);
    }
}
