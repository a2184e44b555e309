using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands;

public class TourTests
{
    [Fact]
    public void Tour_Json_AnswersEveryItemAndFlagsTheWrongSeedAnswer()
    {
        var (code, output, error) = CliRunner.Run("lab", "tour", "--json");

        Assert.True(code == 0, error);
        var items = JsonDocument.Parse(output).RootElement.GetProperty("items").EnumerateArray().ToArray();
        Assert.True(items.Length >= 15);
        Assert.All(items, i => Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("answer").GetString())));
        var wrong = items.Where(i => i.GetProperty("agrees_with_seed").ValueKind == JsonValueKind.False).ToArray();
        var matrix = Assert.Single(wrong);
        Assert.Equal(5, matrix.GetProperty("week").GetInt32());
        Assert.Contains("(2, 0, 2)", matrix.GetProperty("correction").GetString(), StringComparison.Ordinal);
        Assert.Equal(new[] { 3, 4, 5 }, items.Select(i => i.GetProperty("week").GetInt32()).Distinct().Order());
    }

    [Fact]
    public void Tour_Human_EndsWithTheSummaryLine()
    {
        var (code, output, _) = CliRunner.Run("lab", "tour");

        Assert.Equal(0, code);
        Assert.Contains("1 seed answer(s) found wrong.", output.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
        Assert.Contains("why it is wrong", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tour_UnknownWeek_IsUsageError()
    {
        var (code, _, error) = CliRunner.Run("lab", "tour", "--week", "9");

        Assert.Equal(2, code);
        Assert.Contains("--week", error, StringComparison.Ordinal);
    }
}
