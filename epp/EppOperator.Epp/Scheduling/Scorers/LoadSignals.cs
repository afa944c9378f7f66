namespace EppOperator.Epp.Scheduling.Scorers;

/// <summary>Load readings shared by the load scorers and filters.</summary>
internal static class LoadSignals
{
    /// <summary>
    /// Requests this EPP picked for the candidate that its last scrape cannot have counted yet
    /// (<see cref="Datalayer.EndpointMetrics.UncountedOf"/>). Adding these to the scraped queue closes the blind spot
    /// between scrapes where every pick sees the same numbers and a burst herds onto one pod.
    /// </summary>
    public static long PendingAt(SchedulingCycle cycle, int candidate) =>
        cycle.MetricsAt(candidate).UncountedOf(cycle.InFlightRequestsAt(candidate));

    /// <summary>Waiting requests, plus <see cref="PendingAt"/> when blending.</summary>
    public static double QueueAt(SchedulingCycle cycle, int candidate, bool blendInFlight) =>
        cycle.MetricsAt(candidate).WaitingQueueSize + (blendInFlight ? PendingAt(cycle, candidate) : 0);

    /// <summary>
    /// The reference's relative score, in place: values become (max − v) / (max − min) over the candidates, so the
    /// least loaded gets 1 and the most loaded 0; all get 1 when they are equal.
    /// </summary>
    public static void ScoreRelativeToRange(Span<double> values)
    {
        if (values.IsEmpty) return;
        var min = values[0];
        var max = values[0];
        foreach (var value in values)
        {
            if (value < min) min = value;
            if (value > max) max = value;
        }

        if (max == min)
        {
            values.Fill(1);
            return;
        }

        var range = max - min;
        for (var j = 0; j < values.Length; j++) values[j] = (max - values[j]) / range;
    }
}
