using System.Text.Json;
using Arbiter.Cli.App;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Arbiter.Cli.Input;

/// <summary>
/// Loads a JSON or YAML input file (chosen by extension: .json, .yaml, .yml) into a <see cref="DocumentNode"/>.
/// JSON is checked with System.Text.Json first, so its syntax errors read like JSON errors; the tree is then read
/// through YamlDotNet (JSON is YAML's flow style) so that both formats share one schema reader with line numbers.
/// </summary>
internal static class DocumentLoader
{
    public static DocumentNode Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(Directory.Exists(path) ? $"{path}: is a directory, expected a state file" : $"{path}: no such file");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read: {e.Message}", e);
        }

        return Parse(path, text);
    }

    public static DocumentNode Parse(string path, string text)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".json")
        {
            try
            {
                using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false });
            }
            catch (JsonException e)
            {
                throw new InputException($"{path}:{(e.LineNumber ?? 0) + 1}: invalid JSON: {FirstSentence(e.Message)}", e);
            }

            // Raw tabs in valid JSON can only be whitespace between tokens, which YAML's flow style may reject.
            text = text.Replace('\t', ' ');
        }
        else if (extension is not (".yaml" or ".yml"))
        {
            throw new InputException($"{path}: unknown file type '{extension}' (use .json, .yaml or .yml)");
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            string message = e.InnerException?.Message ?? e.Message;
            throw new InputException($"{path}:{e.Start.Line}: invalid {(extension == ".json" ? "JSON" : "YAML")}: {FirstSentence(message)}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this on some malformed flow collections, without a position.
            throw new InputException($"{path}: invalid {(extension == ".json" ? "JSON" : "YAML")}: unbalanced brackets or quotes", e);
        }

        if (stream.Documents.Count == 0)
        {
            throw new InputException($"{path}:1: the file is empty");
        }

        return new DocumentNode(path, "", stream.Documents[0].RootNode);
    }

    private static string FirstSentence(string message)
    {
        string line = message.Split('\n')[0].Trim();
        int cut = line.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? line[..cut] : line;
    }
}
