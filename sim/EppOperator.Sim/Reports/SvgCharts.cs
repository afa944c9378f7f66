using System.Text;
using static System.FormattableString;

namespace EppOperator.Sim.Reports;

/// <summary>
/// The benchmark's two charts as hand-written SVG (no chart library): the TTFT distribution per policy, and P95
/// TTFT against offered load. Both put latency on a log axis, because policies differ by orders of magnitude.
/// </summary>
internal static class SvgCharts
{
    private const int Width = 760;
    private const int Height = 440;
    private const int Left = 70;
    private const int Right = 190;
    private const int Top = 40;
    private const int Bottom = 50;

    private static readonly string[] Palette =
        ["#d62728", "#ff7f0e", "#7f7f7f", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];

    /// <summary>Cumulative share of requests (y) whose TTFT is at most x ms (log axis).</summary>
    public static string TtftCdf(string title, IReadOnlyDictionary<string, double[]> sortedTtftMs)
    {
        var all = sortedTtftMs.Values.Where(v => v.Length > 0).ToList();
        var (lo, hi) = LogRange(all.Count == 0 ? 1 : all.Min(v => v[0]), all.Count == 0 ? 10 : all.Max(v => v[^1]));
        var svg = Begin(title, "time to first token (ms, log scale)", "share of requests");
        LogAxisX(svg, lo, hi);
        for (var q = 0; q <= 4; q++)
        {
            var y = PlotY(q / 4.0);
            GridLineY(svg, y, Invariant($"{q * 25}%"));
        }

        var series = 0;
        foreach (var (name, values) in sortedTtftMs)
        {
            var color = Palette[series % Palette.Length];
            if (values.Length > 0)
            {
                var points = new StringBuilder();
                const int Steps = 400;
                for (var s = 0; s <= Steps; s++)
                {
                    var share = s / (double)Steps;
                    var value = LatencySummary.Percentile(values, share * 100);
                    points.Append(Invariant($"{LogX(value, lo, hi):0.#},{PlotY(share):0.#} "));
                }

                svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{points.ToString().TrimEnd()}\"/>\n"));
            }

            Legend(svg, series++, name, color);
        }

        return End(svg);
    }

    /// <summary>P95 TTFT (y, log axis) at each offered load of the sweep (x), one line per policy.</summary>
    public static string P95VersusLoad(string title, IReadOnlyList<SweepPoint> sweep)
    {
        var names = sweep.Count == 0 ? [] : sweep[0].Policies.Keys.ToList();
        var values = sweep.SelectMany(p => p.Policies.Values.Select(r => Math.Max(r.TtftMs.P95, 0.001))).ToList();
        var (lo, hi) = LogRange(values.Count == 0 ? 1 : values.Min(), values.Count == 0 ? 10 : values.Max());
        var minLoad = sweep.Count == 0 ? 0 : sweep.Min(p => p.Load);
        var maxLoad = sweep.Count == 0 ? 1 : sweep.Max(p => p.Load);
        if (maxLoad - minLoad < 1e-9) maxLoad = minLoad + 0.1;
        var svg = Begin(title, "offered load (fraction of fleet capacity under round-robin)", "P95 TTFT (ms, log scale)");
        foreach (var point in sweep)
        {
            var x = LinearX(point.Load, minLoad, maxLoad);
            svg.Append(Invariant($"<line x1=\"{x:0.#}\" y1=\"{Top}\" x2=\"{x:0.#}\" y2=\"{Height - Bottom}\" stroke=\"#eee\"/>\n"));
            svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{point.Load:0.0#}</text>\n"));
        }

        for (var decade = lo; decade <= hi; decade++)
        {
            GridLineY(svg, LogY(Math.Pow(10, decade), lo, hi), Tick(Math.Pow(10, decade)));
        }

        for (var s = 0; s < names.Count; s++)
        {
            var color = Palette[s % Palette.Length];
            var points = new StringBuilder();
            foreach (var point in sweep)
            {
                if (!point.Policies.TryGetValue(names[s], out var r)) continue;
                var x = LinearX(point.Load, minLoad, maxLoad);
                var y = LogY(Math.Max(r.TtftMs.P95, 0.001), lo, hi);
                points.Append(Invariant($"{x:0.#},{y:0.#} "));
                svg.Append(Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"3\" fill=\"{color}\"/>\n"));
            }

            svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{points.ToString().TrimEnd()}\"/>\n"));
            Legend(svg, s, names[s], color);
        }

        return End(svg);
    }

    private static StringBuilder Begin(string title, string xLabel, string yLabel)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\">\n"));
        svg.Append(Invariant($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">{Escape(title)}</text>\n"));
        svg.Append(Invariant($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#999\"/>\n"));
        svg.Append(Invariant($"<text x=\"{Left + (Width - Left - Right) / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\" font-size=\"12\">{Escape(xLabel)}</text>\n"));
        svg.Append(Invariant($"<text transform=\"translate(16 {Top + (Height - Top - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">{Escape(yLabel)}</text>\n"));
        return svg;
    }

    private static string End(StringBuilder svg) => svg.Append("</svg>\n").ToString();

    private static void LogAxisX(StringBuilder svg, int lo, int hi)
    {
        for (var decade = lo; decade <= hi; decade++)
        {
            var x = LogX(Math.Pow(10, decade), lo, hi);
            svg.Append(Invariant($"<line x1=\"{x:0.#}\" y1=\"{Top}\" x2=\"{x:0.#}\" y2=\"{Height - Bottom}\" stroke=\"#eee\"/>\n"));
            svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{Tick(Math.Pow(10, decade))}</text>\n"));
        }
    }

    private static void GridLineY(StringBuilder svg, double y, string label)
    {
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#eee\"/>\n"));
        svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\">{label}</text>\n"));
    }

    private static void Legend(StringBuilder svg, int index, string name, string color)
    {
        var x = Width - Right + 16;
        var y = Top + 10 + index * 20;
        svg.Append(Invariant($"<line x1=\"{x}\" y1=\"{y}\" x2=\"{x + 22}\" y2=\"{y}\" stroke=\"{color}\" stroke-width=\"3\"/>\n"));
        svg.Append(Invariant($"<text x=\"{x + 28}\" y=\"{y + 4}\" font-size=\"12\">{Escape(name)}</text>\n"));
    }

    private static (int Lo, int Hi) LogRange(double min, double max)
    {
        var lo = (int)Math.Floor(Math.Log10(Math.Max(min, 0.001)));
        var hi = (int)Math.Ceiling(Math.Log10(Math.Max(max, 0.001)));
        return (lo, Math.Max(hi, lo + 1));
    }

    private static double LogX(double value, int lo, int hi) =>
        Left + (Math.Log10(Math.Max(value, 0.001)) - lo) / (hi - lo) * (Width - Left - Right);

    private static double LogY(double value, int lo, int hi) =>
        Height - Bottom - (Math.Log10(value) - lo) / (hi - lo) * (Height - Top - Bottom);

    private static double LinearX(double value, double min, double max) =>
        Left + 20 + (value - min) / (max - min) * (Width - Left - Right - 40);

    private static double PlotY(double share) => Height - Bottom - share * (Height - Top - Bottom);

    private static string Tick(double ms) => ms >= 1000 ? Invariant($"{ms / 1000:0.###} s") : Invariant($"{ms:0.###} ms");

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
