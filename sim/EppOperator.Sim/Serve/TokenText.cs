namespace EppOperator.Sim.Serve;

/// <summary>The text of generated token <c>i</c>: four characters, so usage and text agree with the tokenizer.</summary>
internal static class TokenText
{
    private static readonly string[] Pieces =
    [
        "the ", "fast", " pod", " is ", "warm", "; it", " has", " the", " pre", "fix ", "in i", "ts c", "ache", ", so",
        " TTF", "T is", " low", ". ",
    ];

    public static string Token(int index) => Pieces[index % Pieces.Length];
}
