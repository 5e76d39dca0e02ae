using System.Text;
using PoliceFeeds.Core.Rollout;

namespace PoliceFeeds.UnitTests.Rollout;

public sealed class UserImportTests
{
    private static readonly ImportContext Context = new(
        new Dictionary<string, bool> { ["44"] = true, ["35"] = true, ["2A"] = true, ["59"] = false },
        new HashSet<string>(["deja@interieur.gouv.fr"], StringComparer.OrdinalIgnoreCase));

    private static ImportPreview Preview(string csv) => UserImport.Preview(Encoding.UTF8.GetBytes(csv), Context);

    [Fact]
    public void A_clean_file_gives_rows_ready_to_import()
    {
        var preview = Preview("""
            E-mail;Nom;Rôle;Départements
            jean.dupont@interieur.gouv.fr;Jean Dupont;Officier;44
            "marie.curie@interieur.gouv.fr";"Curie, Marie";validateur;"44, 2a"
            chef@interieur.gouv.fr;Chef National;Administrateur national;
            """);

        Assert.True(preview.CanImport);
        Assert.Equal([ImportRole.Officer, ImportRole.Validator, ImportRole.NationalAdmin], preview.Rows.Select(r => r.Role!.Value));
        Assert.Equal(["44", "2A"], preview.Rows[1].DepartmentCodes);
        Assert.Equal("Curie, Marie", preview.Rows[1].Name);
        Assert.Empty(preview.Rows[2].DepartmentCodes);
    }

    [Fact]
    public void Columns_may_come_in_any_order_with_english_headers_and_commas()
    {
        var preview = Preview("name,departments,email,role\nJane Doe,35 44,jane@interieur.gouv.fr,validator\n");
        Assert.True(preview.CanImport);
        Assert.Equal("jane@interieur.gouv.fr", preview.Rows[0].Email);
        Assert.Equal(["35", "44"], preview.Rows[0].DepartmentCodes);
    }

    [Fact]
    public void Every_wrong_row_says_why_and_nothing_can_be_imported()
    {
        var preview = Preview("""
            email;nom;role;departements
            pas-une-adresse;A;officier;44
            b@interieur.gouv.fr;;chef;44
            c@interieur.gouv.fr;C;officier;99
            d@interieur.gouv.fr;D;officier;59
            c@INTERIEUR.gouv.fr;C bis;officier;44
            DEJA@interieur.gouv.fr;Déjà là;officier;44
            e@interieur.gouv.fr;E;validateur;
            f@interieur.gouv.fr;F;officier;44;en trop
            ok@interieur.gouv.fr;OK;officier;44
            """);

        Assert.False(preview.CanImport);
        Assert.Equal(8, preview.Errors);
        Assert.Equal([RowError.EmailInvalid], Errors(0));
        Assert.Equal([RowError.NameMissing, RowError.RoleUnknown], Errors(1));
        Assert.Equal(new RowProblem(RowError.DepartmentUnknown, "99"), preview.Rows[2].Problems.Single());
        Assert.Equal(new RowProblem(RowError.DepartmentInactive, "59"), preview.Rows[3].Problems.Single());
        Assert.Equal(new RowProblem(RowError.DuplicateInFile, "4"), preview.Rows[4].Problems.Single());
        Assert.Equal([RowError.UserExists], Errors(5));
        Assert.Equal([RowError.DepartmentMissing], Errors(6));
        Assert.Equal([RowError.WrongFieldCount], Errors(7));
        Assert.True(preview.Rows[8].IsValid);

        List<RowError> Errors(int row) => preview.Rows[row].Problems.Select(p => p.Error).ToList();
    }

    [Fact]
    public void A_header_without_the_four_columns_refuses_the_file()
    {
        Assert.Equal(CsvFileError.MissingColumns, Preview("email;nom;role\na@b.fr;A;officier").FileError);
    }

    [Fact]
    public void A_header_alone_is_an_empty_file()
    {
        var preview = Preview("email;nom;role;departements\r\n");
        Assert.Equal(CsvFileError.Empty, preview.FileError);
        Assert.False(preview.CanImport);
    }

    [Fact]
    public void A_name_over_200_characters_is_refused()
    {
        var preview = Preview($"email;nom;role;departements\na@interieur.gouv.fr;{new string('x', 201)};officier;44");
        Assert.Equal(RowError.NameTooLong, preview.Rows[0].Problems.Single().Error);
    }

    [Theory]
    [InlineData("jean.dupont@interieur.gouv.fr", true)]
    [InlineData("j+tag@sub.example.fr", true)]
    [InlineData("Jean <jean@interieur.gouv.fr>", false)]
    [InlineData("jean@interieur", false)]
    [InlineData("jean@@interieur.gouv.fr", false)]
    [InlineData("jean dupont@interieur.gouv.fr", false)]
    [InlineData("@interieur.gouv.fr", false)]
    [InlineData("jean@interieur.gouv.fr.", false)]
    public void Addresses_are_single_plain_mailboxes(string text, bool valid) => Assert.Equal(valid, UserImport.IsEmail(text));
}
