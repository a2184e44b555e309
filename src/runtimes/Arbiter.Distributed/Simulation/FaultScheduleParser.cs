using System.Globalization;

namespace Arbiter.Distributed.Simulation;

/// <summary>A recursive-descent parser for the <see cref="FaultSchedule"/> grammar; errors name a 1-based column.</summary>
internal sealed class FaultScheduleParser(string text)
{
    private const int MaxNode = 1_000_000;
    private int _pos;

    public FaultSchedule Parse()
    {
        var faults = new List<Fault>();
        SkipSpaces();
        if (_pos == text.Length)
        {
            return FaultSchedule.None;
        }

        while (true)
        {
            faults.Add(Item());
            SkipSpaces();
            if (_pos == text.Length)
            {
                return new FaultSchedule(faults);
            }

            Expect(',', "',' or the end");
        }
    }

    private Fault Item()
    {
        SkipSpaces();
        int start = _pos;
        string word = Word();
        switch (word)
        {
            case "partition":
                var groups = new List<IReadOnlyList<int>> { Group() };
                SkipSpaces();
                while (Peek() == '|')
                {
                    _pos++;
                    groups.Add(Group());
                    SkipSpaces();
                }

                CheckDisjoint(groups, start);
                return new Fault(At(), FaultKind.Partition, Groups: groups);
            case "heal":
                return new Fault(At(), FaultKind.Heal);
            case "crash":
                return new Fault(default, FaultKind.Crash, Node: Node()) with { At = At() };
            case "restart":
                return new Fault(default, FaultKind.Restart, Node: Node()) with { At = At() };
            case "loss":
                return new Fault(default, FaultKind.Loss, Rate: Probability()) with { At = At() };
            case "duplicate":
                return new Fault(default, FaultKind.Duplicate, Rate: Probability()) with { At = At() };
            case "corrupt":
                return new Fault(default, FaultKind.CorruptTail, Node: Node()) with { At = At() };
            default:
                _pos = start;
                throw Error(word.Length == 0 ? "expected partition, heal, crash, restart, corrupt, loss or duplicate"
                    : $"unknown fault '{word}' (expected partition, heal, crash, restart, corrupt, loss or duplicate)");
        }
    }

    private List<int> Group()
    {
        SkipSpaces();
        Expect('{', "'{' starting a group of nodes");
        var nodes = new List<int> { Node() };
        SkipSpaces();
        while (Peek() == ',')
        {
            _pos++;
            nodes.Add(Node());
            SkipSpaces();
        }

        Expect('}', "',' or '}'");
        return nodes;
    }

    private void CheckDisjoint(List<IReadOnlyList<int>> groups, int start)
    {
        var seen = new HashSet<int>();
        foreach (int node in groups.SelectMany(g => g))
        {
            if (!seen.Add(node))
            {
                _pos = start;
                throw Error($"node {node} is in two groups of the partition");
            }
        }
    }

    private int Node()
    {
        SkipSpaces();
        int start = _pos;
        while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw Error("expected a node id");
        }

        if (!int.TryParse(text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out int node) || node < 1 || node > MaxNode)
        {
            _pos = start;
            throw Error($"node id must be between 1 and {MaxNode}");
        }

        return node;
    }

    private double Probability()
    {
        SkipSpaces();
        int start = _pos;
        while (_pos < text.Length && (char.IsAsciiDigit(text[_pos]) || text[_pos] == '.'))
        {
            _pos++;
        }

        if (!double.TryParse(text.AsSpan(start, _pos - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double p) || p > 1)
        {
            _pos = start;
            throw Error("expected a probability between 0 and 1");
        }

        return p;
    }

    private TimeSpan At()
    {
        SkipSpaces();
        int start = _pos;
        if (Word() != "at")
        {
            _pos = start;
            throw Error("expected 'at'");
        }

        return Time();
    }

    private TimeSpan Time()
    {
        SkipSpaces();
        int start = _pos;
        while (_pos < text.Length && (char.IsAsciiDigit(text[_pos]) || text[_pos] == '.'))
        {
            _pos++;
        }

        int unitStart = _pos;
        string unit = Word();
        double scale = unit switch { "us" => 10, "ms" => 1e4, "s" => 1e7, "m" => 6e8, _ => 0 };
        if (!double.TryParse(text.AsSpan(start, unitStart - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
        {
            _pos = start;
            throw Error("expected a time such as 500ms or 2s");
        }

        if (scale == 0)
        {
            _pos = unitStart;
            throw Error("expected a time unit (us, ms, s or m)");
        }

        double ticks = value * scale;
        if (ticks > TimeSpan.FromDays(365).Ticks)
        {
            _pos = start;
            throw Error("time is beyond a year");
        }

        return TimeSpan.FromTicks((long)Math.Round(ticks));
    }

    private string Word()
    {
        int start = _pos;
        while (_pos < text.Length && char.IsAsciiLetter(text[_pos]))
        {
            _pos++;
        }

        return text[start.._pos].ToLowerInvariant();
    }

    private void Expect(char c, string what)
    {
        SkipSpaces();
        if (Peek() != c)
        {
            throw Error($"expected {what}");
        }

        _pos++;
    }

    private char Peek() => _pos < text.Length ? text[_pos] : '\0';

    private void SkipSpaces()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
        {
            _pos++;
        }
    }

    private FaultScheduleException Error(string what)
    {
        string found = _pos >= text.Length ? "end of input" : $"'{text[_pos]}'";
        return new FaultScheduleException($"fault schedule: at column {_pos + 1}: {what}, found {found}");
    }
}
