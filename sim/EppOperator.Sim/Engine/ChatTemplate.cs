using System.Text;

namespace EppOperator.Sim.Engine;

/// <summary>
/// The simulated model's chat template: each message becomes <c>&lt;|role|&gt;\ncontent\n</c>, followed by the
/// assistant's turn marker. It only has to be prefix-preserving (a shared system message gives a shared token
/// prefix), as real templates are.
/// </summary>
internal static class ChatTemplate
{
    public static string Render(IReadOnlyList<ChatMessage> messages)
    {
        var length = 16;
        foreach (var m in messages) length += m.Role.Length + m.Content.Length + 6;
        var builder = new StringBuilder(length);
        foreach (var m in messages)
        {
            builder.Append("<|").Append(m.Role).Append("|>\n").Append(m.Content).Append('\n');
        }

        return builder.Append("<|assistant|>\n").ToString();
    }
}
