using System.Diagnostics;
using System.Text;

namespace Arbiter.Sync.Tracking;

/// <summary>Stacks for reports: captured cheaply, formatted only when a report needs them, without Arbiter's own frames.</summary>
internal static class StackText
{
    /// <summary>Captures the caller's stack (method handles only when <paramref name="fileInfo"/> is false: a few µs).</summary>
    public static StackTrace Capture(bool fileInfo) => new(1, fileInfo);

    /// <summary>The frames outside Arbiter.Sync's primitives and tracking, one "at Type.Method (file:line)" per line.</summary>
    public static string Format(StackTrace trace)
    {
        var text = new StringBuilder();
        foreach (var frame in trace.GetFrames())
        {
            var method = frame.GetMethod();
            string? ns = method?.DeclaringType?.Namespace;
            if (method is null || ns is null || IsInternal(ns))
            {
                continue;
            }

            text.Append("   at ").Append(method.DeclaringType!.FullName).Append('.').Append(method.Name);
            if (frame.GetFileName() is { } file)
            {
                text.Append(" (").Append(Path.GetFileName(file)).Append(':').Append(frame.GetFileLineNumber()).Append(')');
            }

            text.AppendLine();
        }

        return text.ToString().TrimEnd();
    }

    private static bool IsInternal(string ns) =>
        ns.StartsWith("Arbiter.Sync.Tracking", StringComparison.Ordinal) ||
        ns.StartsWith("Arbiter.Sync.Primitives", StringComparison.Ordinal) ||
        ns.StartsWith("Arbiter.Sync.Prevention", StringComparison.Ordinal) ||
        ns.StartsWith("System.Threading", StringComparison.Ordinal) ||
        ns.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal);
}
