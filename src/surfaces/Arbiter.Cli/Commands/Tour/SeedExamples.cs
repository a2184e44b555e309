using System.Reflection;
using Arbiter.Cli.Input;
using Arbiter.Core.Deadlock.Prevention;
using Arbiter.Core.Resources;

namespace Arbiter.Cli.Commands.Tour;

/// <summary>
/// The example files under <c>examples/</c>, embedded in the tool so the tour runs from any directory; they are read
/// by the same readers as files given on the command line.
/// </summary>
internal static class SeedExamples
{
    public static ResourceLedger State(string name) => StateFile.Parse($"examples/deadlock/{name}", Text($"examples/deadlock/{name}"));

    public static AcquisitionScript Script(string name) => ScriptFile.Parse($"examples/prevention/{name}", Text($"examples/prevention/{name}"));

    private static string Text(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"example {resource} is not embedded in the tool");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
