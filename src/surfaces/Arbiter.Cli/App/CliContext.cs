using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace Arbiter.Cli.App;

/// <summary>
/// Where a command writes: human output through Spectre.Console (colours only on a terminal), JSON as one
/// document on stdout, one-line errors on stderr. Injected so that tests run commands in-process.
/// </summary>
internal sealed class CliContext
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public CliContext(TextWriter output, TextWriter error, bool terminal)
    {
        Out = output;
        Err = error;
        IsTerminal = terminal;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // Piped output: a fixed width keeps tables stable for scripts and golden tests.
            Console.Profile.Width = 120;
        }
    }

    public TextWriter Out { get; }

    public TextWriter Err { get; }

    public bool IsTerminal { get; }

    public IAnsiConsole Console { get; }

    /// <summary>Writes <paramref name="document"/> as one JSON document with snake_case keys.</summary>
    public void Json(object document)
    {
        Out.WriteLine(JsonSerializer.Serialize(document, JsonOptions));
    }

    public static string ToJson(object document) => JsonSerializer.Serialize(document, JsonOptions);
}
