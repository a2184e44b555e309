using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Core.Distributed.Clocks;

namespace Arbiter.Cli.Commands.Sim;

/// <summary>
/// Parses the event list of <c>sim clocks</c>. Grammar (spaces free between tokens, P or p):
/// <code>
/// events  := step ("," step)*
/// step    := process "->" process [":" label]     a message: sent, then received before the next step
///          | process ["." label]                   a local event
/// process := "P" number                            P1 … P64
/// label   := letters, digits, '_' or '-'
/// </code>
/// Errors are one line naming the column: <c>--events: at column 5: expected a process such as P2, found '3'</c>.
/// </summary>
internal sealed class ClocksEventList(string text)
{
    public const int MaxProcesses = 64;
    public const int MaxSteps = 500;
    private int _pos;

    public static (int Processes, List<TimelineStep> Steps) Parse(string text) => new ClocksEventList(text).Parse();

    private (int, List<TimelineStep>) Parse()
    {
        var steps = new List<TimelineStep>();
        while (true)
        {
            steps.Add(Step());
            SkipSpaces();
            if (_pos == text.Length)
            {
                break;
            }

            Expect(",", "',' or the end");
            if (steps.Count == MaxSteps)
            {
                throw Error($"more than {MaxSteps} steps");
            }
        }

        int processes = steps.Max(s => Math.Max(s.From, s.To ?? 0));
        return (processes, steps);
    }

    private TimelineStep Step()
    {
        int from = Process();
        SkipSpaces();
        if (At("->"))
        {
            _pos += 2;
            int fromColumn = _pos;
            int to = Process();
            if (to == from)
            {
                _pos = fromColumn;
                SkipSpaces();
                throw Error($"P{from} cannot send to itself (write a local event: P{from})");
            }

            SkipSpaces();
            return new TimelineStep(from, to, At(":") ? LabelAfter(1) : null);
        }

        return new TimelineStep(from, null, At(".") ? LabelAfter(1) : null);
    }

    private string LabelAfter(int skip)
    {
        _pos += skip;
        SkipSpaces();
        int start = _pos;
        while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] is '_' or '-') && !At("->"))
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw Error("expected a label (letters, digits, '_' or '-')");
        }

        return text[start.._pos];
    }

    private int Process()
    {
        SkipSpaces();
        if (_pos >= text.Length || char.ToUpperInvariant(text[_pos]) != 'P')
        {
            throw Error("expected a process such as P2");
        }

        int start = ++_pos;
        while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw Error("expected the process number after 'P'");
        }

        if (!int.TryParse(text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out int p) || p < 1 || p > MaxProcesses)
        {
            _pos = start;
            throw Error($"processes are numbered P1 to P{MaxProcesses}");
        }

        return p;
    }

    private bool At(string token) => string.CompareOrdinal(text, _pos, token, 0, token.Length) == 0;

    private void Expect(string token, string what)
    {
        SkipSpaces();
        if (!At(token))
        {
            throw Error($"expected {what}");
        }

        _pos += token.Length;
    }

    private void SkipSpaces()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
        {
            _pos++;
        }
    }

    private InputException Error(string what)
    {
        string found = _pos >= text.Length ? "end of input" : $"'{text[_pos]}'";
        return new InputException($"--events: at column {_pos + 1}: {what}, found {found}");
    }
}
