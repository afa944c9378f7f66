namespace EppOperator.Sim.Gateway;

/// <summary>
/// Writes a response body to the client from two sources without overlap: the EPP's <c>streamed_response</c>
/// pieces while ext_proc is healthy, and the upstream's chunks directly once it is not (fail-open, or a clean close
/// by the EPP). Chunks sent to the EPP stay queued until the EPP has echoed as many bytes, so switching to direct
/// mode first writes what the EPP had not yet returned: nothing is lost or repeated as long as the EPP passes
/// bytes through unchanged (a rewritten chunk makes the hand-over approximate).
/// </summary>
internal sealed class ResponseRelay(Stream client, Action onFirstByte) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<byte[]> _unacknowledged = new();
    private int _headOffset;
    private bool _direct;
    private bool _wroteAny;

    /// <summary>True once the relay writes upstream chunks directly.</summary>
    public bool Direct => Volatile.Read(ref _direct);

    /// <summary>
    /// Upstream side: in direct mode writes <paramref name="chunk"/> to the client and returns false; otherwise
    /// queues a copy and returns true, and the caller sends the chunk to the EPP.
    /// </summary>
    public async ValueTask<bool> OfferAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_direct)
            {
                await WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                return false;
            }

            _unacknowledged.Enqueue(chunk.ToArray());
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>EPP side: writes a piece the EPP returned and retires as many queued bytes.</summary>
    public async ValueTask WriteFromEppAsync(ReadOnlyMemory<byte> piece, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_direct) return;
            await WriteAsync(piece, cancellationToken).ConfigureAwait(false);
            Acknowledge(piece.Length);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops relaying through the EPP: writes the chunks it has not returned, then every later chunk directly.</summary>
    public async ValueTask SwitchToDirectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_direct) return;
            Volatile.Write(ref _direct, true);
            while (_unacknowledged.TryDequeue(out var chunk))
            {
                await WriteAsync(chunk.AsMemory(_headOffset), cancellationToken).ConfigureAwait(false);
                _headOffset = 0;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private void Acknowledge(int bytes)
    {
        while (bytes > 0 && _unacknowledged.TryPeek(out var head))
        {
            var left = head.Length - _headOffset;
            if (bytes < left)
            {
                _headOffset += bytes;
                return;
            }

            bytes -= left;
            _unacknowledged.Dequeue();
            _headOffset = 0;
        }
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (data.IsEmpty) return;
        if (!_wroteAny)
        {
            _wroteAny = true;
            onFirstByte();
        }

        await client.WriteAsync(data, cancellationToken).ConfigureAwait(false);

        // No buffering: every chunk (an SSE event, typically) reaches the client as soon as it is known.
        await client.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
