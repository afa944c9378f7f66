namespace EppOperator.Sim.Workloads;

/// <summary>One request of a workload plan: when it arrives, who sends it, what it says and how long the answer is.</summary>
internal sealed record PlannedRequest(
    int Index,
    double ArrivalSeconds,
    int Group,
    int User,
    string SystemText,
    string QuestionText,
    int OutputTokens,
    bool Measured);
