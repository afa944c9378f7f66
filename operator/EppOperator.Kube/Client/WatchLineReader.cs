using System.Buffers;
using System.IO.Pipelines;

namespace EppOperator.Kube.Client;

/// <summary>
/// Splits a watch response into newline-delimited lines with a bounded buffer: a line longer than the cap
/// means a broken stream, not a reason to buffer without limit.
/// </summary>
internal sealed class WatchLineReader : IAsyncDisposable
{
    private readonly PipeReader _reader;
    private readonly int _maxLineBytes;

    public WatchLineReader(Stream stream, int maxLineBytes)
    {
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024));
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>The next line without its terminator, or null at the end of the stream.</summary>
    /// <exception cref="InvalidDataException">A line exceeds the cap.</exception>
    public async ValueTask<byte[]?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var newline = buffer.PositionOf((byte)'\n');
            if (newline is { } end)
            {
                var line = buffer.Slice(0, end).ToArray();
                _reader.AdvanceTo(buffer.GetPosition(1, end));
                return line;
            }

            if (buffer.Length > _maxLineBytes)
            {
                _reader.AdvanceTo(buffer.End);
                throw new InvalidDataException($"watch line exceeds {_maxLineBytes} bytes without a newline");
            }

            if (result.IsCompleted)
            {
                var rest = buffer.Length > 0 ? buffer.ToArray() : null;
                _reader.AdvanceTo(buffer.End);
                return rest;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public ValueTask DisposeAsync() => _reader.CompleteAsync();
}
