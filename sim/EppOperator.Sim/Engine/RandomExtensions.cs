namespace EppOperator.Sim.Engine;

/// <summary>Draws the simulator needs beyond what <see cref="Random"/> offers.</summary>
internal static class RandomExtensions
{
    /// <summary>A standard normal draw (Box-Muller; two uniform draws per call, so seeded runs stay reproducible).</summary>
    public static double NextGaussian(this Random random)
    {
        // 1 - NextDouble() keeps the logarithm's argument in (0, 1].
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
