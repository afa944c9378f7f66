using EppOperator.Sim.Engine;

namespace EppOperator.Sim.Serve;

/// <summary>
/// How many tokens a response gets, following llm-d-inference-sim: exactly the limit with <c>ignore_eos</c>; with
/// <c>max_tokens</c>, a draw from six buckets (20/30/20/5/10/15%; equal widths up to 120 tokens, otherwise buckets
/// of 20 tokens except the fourth, which takes the rest); without it, a normal draw (mean 40, sd 20) capped by the
/// context left. The response stops for "length" only when it reaches the limit.
/// </summary>
internal static class OutputLength
{
    private static readonly double[] BucketShares = [0.20, 0.30, 0.20, 0.05, 0.10, 0.15];

    public static (int Tokens, string FinishReason) Choose(ServeRequest request, int promptTokens, int maxModelLen, Random random)
    {
        var limit = request.MaxTokens ?? Math.Max(1, maxModelLen - promptTokens);
        int tokens;
        if (request.IgnoreEos) tokens = limit;
        else if (request.MaxTokens is not null) tokens = FromBuckets(limit, random);
        else if (limit < 20) tokens = random.Next(1, limit + 1);
        else tokens = (int)Math.Clamp(Math.Round(40 + 20 * random.NextGaussian()), 1, limit);

        return (tokens, tokens >= limit ? "length" : "stop");
    }

    private static int FromBuckets(int max, Random random)
    {
        var u = random.NextDouble();
        var bucket = 0;
        while (bucket < BucketShares.Length - 1 && u >= BucketShares[bucket])
        {
            u -= BucketShares[bucket];
            bucket++;
        }

        int lo, hi;
        if (max <= 120)
        {
            lo = bucket * max / 6 + 1;
            hi = (bucket + 1) * max / 6;
        }
        else
        {
            (lo, hi) = bucket switch
            {
                0 => (1, 20),
                1 => (21, 40),
                2 => (41, 60),
                3 => (61, max - 40),
                4 => (max - 39, max - 20),
                _ => (max - 19, max),
            };
        }

        hi = Math.Clamp(hi, 1, max);
        lo = Math.Clamp(lo, 1, hi);
        return random.Next(lo, hi + 1);
    }
}
