using System.Diagnostics;

namespace EppOperator.Benchmarks.Scrape;

/// <summary>
/// The model servers the scrape benchmark polls, in a separate process (Python asyncio, one listener per port,
/// keep-alive, a fixed page) so their CPU is not counted as the EPP's. Lives until its stdin closes.
/// </summary>
internal sealed class ScrapeTargetProcess : IDisposable
{
    private const string Script = """
        import asyncio, sys

        body = open(sys.argv[1], 'rb').read()
        count = int(sys.argv[2])
        response = (b'HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n'
                    b'Content-Length: %d\r\n\r\n' % len(body)) + body

        class Server(asyncio.Protocol):
            def connection_made(self, transport):
                self.transport = transport
                self.pending = b''

            def data_received(self, data):
                self.pending += data
                while True:
                    end = self.pending.find(b'\r\n\r\n')
                    if end < 0:
                        return
                    self.pending = self.pending[end + 4:]
                    self.transport.write(response)

        async def main():
            loop = asyncio.get_running_loop()
            servers = [await loop.create_server(Server, '127.0.0.1', 0, backlog=16) for _ in range(count)]
            print(' '.join(str(s.sockets[0].getsockname()[1]) for s in servers), flush=True)
            await loop.run_in_executor(None, sys.stdin.read)

        asyncio.run(main())
        """;

    private readonly Process _process;
    private readonly string _directory;

    private ScrapeTargetProcess(Process process, string directory, IReadOnlyList<int> ports)
    {
        _process = process;
        _directory = directory;
        Ports = ports;
    }

    public IReadOnlyList<int> Ports { get; }

    public static async Task<ScrapeTargetProcess> StartAsync(byte[] page, int count, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("epp-bench-scrape-").FullName;
        var script = Path.Combine(directory, "servers.py");
        var pagePath = Path.Combine(directory, "metrics.prom");
        await File.WriteAllTextAsync(script, Script, cancellationToken);
        await File.WriteAllBytesAsync(pagePath, page, cancellationToken);

        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(pagePath);
        start.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start python3 for the scrape targets");
        var line = await process.StandardOutput.ReadLineAsync(cancellationToken)
            ?? throw new InvalidOperationException("the scrape target process exited before reporting its ports");
        var ports = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        return new ScrapeTargetProcess(process, directory, ports);
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000)) _process.Kill();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
