using YamlDotNet.Core;

namespace EppOperator.Epp.Config;

/// <summary>Where something appears in the configuration text (1-based), for messages that point at it.</summary>
internal readonly record struct ConfigMark(int Line, int Column)
{
    public static readonly ConfigMark None = new(0, 0);

    public static ConfigMark From(Mark mark) => new((int)mark.Line, (int)mark.Column);

    public override string ToString() => Line == 0 ? "" : $"line {Line}, column {Column}";
}
