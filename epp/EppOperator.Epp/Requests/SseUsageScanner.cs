namespace EppOperator.Epp.Requests;

/// <summary>
/// Follows a server-sent-events response chunk by chunk and keeps the latest <c>usage</c> reported in a
/// <c>data:</c> line. Lines split across chunks are carried over (up to <see cref="MaxLineBytes"/>), unlike the
/// reference, which parses each chunk alone and loses a usage line cut in two. The latest usage wins because
/// servers that stream usage continuously report running totals.
/// </summary>
internal sealed class SseUsageScanner
{
    /// <summary>Longest partial line kept between chunks; longer lines are skipped (usage lines are small).</summary>
    public const int MaxLineBytes = 1 << 20;

    private byte[] _carry = [];
    private int _carryLength;
    private bool _skippingLongLine;

    public ResponseUsage? Usage { get; private set; }

    public void Append(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            if (newline < 0)
            {
                Carry(chunk);
                return;
            }

            var segment = chunk[..newline];
            chunk = chunk[(newline + 1)..];
            if (_skippingLongLine)
            {
                _skippingLongLine = false;
                _carryLength = 0;
                continue;
            }

            if (_carryLength > 0)
            {
                Carry(segment);
                if (_skippingLongLine)
                {
                    _skippingLongLine = false;
                    _carryLength = 0;
                    continue;
                }

                ProcessLine(_carry.AsSpan(0, _carryLength));
                _carryLength = 0;
            }
            else
            {
                ProcessLine(segment);
            }
        }
    }

    /// <summary>The stream ended: a final line without a newline still counts.</summary>
    public void Complete()
    {
        if (_carryLength > 0 && !_skippingLongLine) ProcessLine(_carry.AsSpan(0, _carryLength));
        _carryLength = 0;
        _skippingLongLine = false;
    }

    private void Carry(ReadOnlySpan<byte> bytes)
    {
        if (_skippingLongLine) return;
        if (_carryLength + bytes.Length > MaxLineBytes)
        {
            _skippingLongLine = true;
            _carryLength = 0;
            return;
        }

        if (_carry.Length < _carryLength + bytes.Length)
        {
            Array.Resize(ref _carry, Math.Max(_carryLength + bytes.Length, Math.Max(256, _carry.Length * 2)));
        }

        bytes.CopyTo(_carry.AsSpan(_carryLength));
        _carryLength += bytes.Length;
    }

    private void ProcessLine(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        if (!line.StartsWith("data:"u8)) return;
        var payload = line[5..].TrimStart((byte)' ');
        // Most events carry tokens, not usage: skip them before paying for a JSON parse.
        if (payload.IndexOf("\"usage\""u8) < 0) return;
        if (ResponseUsageReader.TryRead(payload, out var usage)) Usage = usage;
    }
}
