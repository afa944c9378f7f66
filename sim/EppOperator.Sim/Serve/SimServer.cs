using System.Buffers;
using System.Globalization;
using System.Text.Json;
using EppOperator.Epp.Metrics;
using EppOperator.Sim.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Serve;

/// <summary>
/// <c>eppsim serve</c>: one simulated vLLM server. The OpenAI API (<c>/v1/completions</c>,
/// <c>/v1/chat/completions</c>, streaming and not, <c>/v1/models</c>), <c>/health</c> and vLLM's <c>/metrics</c>,
/// on one port speaking HTTP/1.1 and h2c, backed by one <see cref="SimulatedEngine"/> in wall-clock time.
/// Every response names the pod (<c>x-inference-pod</c>, <c>x-inference-port</c>) so tests can tell who served.
/// </summary>
internal sealed class SimServer : IAsyncDisposable
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    private readonly WebApplication _app;
    private readonly ServeOptions _options;
    private readonly SimulatedEngine _engine;
    private readonly VllmMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _requests;

    private SimServer(WebApplication app, ServeOptions options, SimulatedEngine engine, VllmMetrics metrics, TimeProvider time)
    {
        _app = app;
        _options = options;
        _engine = engine;
        _metrics = metrics;
        _time = time;
        _logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EppOperator.Sim.Serve");
    }

    /// <summary>The bound port (the chosen one when <see cref="ServeOptions.Port"/> is 0).</summary>
    public int Port { get; private set; }

    public static async Task<SimServer> StartAsync(ServeOptions options, LogLevel logLevel, CancellationToken cancellationToken)
    {
        var builder = KestrelHosting.CreateBuilder(logLevel);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.AllowAlternateSchemes = true;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.ListenHttp1AndH2c(options.Address, options.Port);
        });

        var time = TimeProvider.System;
        var engine = new SimulatedEngine(options.Profile, time, new Random(options.Seed));
        var metrics = new VllmMetrics(engine, options.Model, time);
        var app = builder.Build();
        var server = new SimServer(app, options, engine, metrics, time);
        server.Map();
        await app.StartAsync(cancellationToken);
        server.Port = KestrelHosting.BoundPorts(app)[0];
        var adapters = string.Join(',', options.LoraAdapters);
        ServeLog.Started(server._logger, options.Model, adapters, options.PodName, server.Port, options.Profile.Name);
        return server;
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _engine.Dispose();
    }

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            context.Response.Headers["x-inference-pod"] = _options.PodName;
            context.Response.Headers["x-inference-port"] = Port.ToString(CultureInfo.InvariantCulture);
            await next(context);
        });
        _app.MapGet("/health", () => Results.Ok());
        _app.MapGet("/v1/models", WriteModelsAsync);
        _app.MapGet("/metrics", WriteMetricsAsync);
        _app.MapPost("/v1/completions", context => HandleAsync(context, ApiKind.Completions));
        _app.MapPost("/v1/chat/completions", context => HandleAsync(context, ApiKind.ChatCompletions));
    }

    private async Task HandleAsync(HttpContext context, ApiKind kind)
    {
        var cancellationToken = context.RequestAborted;
        byte[] body;
        try
        {
            body = await ReadBodyAsync(context.Request, cancellationToken);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ErrorAsync(context, 413, "BadRequestError", $"the request body exceeds {_options.MaxRequestBodyBytes} bytes");
            return;
        }

        var request = ServeRequestReader.TryRead(body, kind, out var error);
        if (request is null)
        {
            await ErrorAsync(context, 400, "BadRequestError", error!);
            return;
        }

        string? adapter = null;
        if (request.Model != _options.Model)
        {
            if (!_options.LoraAdapters.Contains(request.Model))
            {
                await ErrorAsync(context, 404, "NotFoundError", $"The model `{request.Model}` does not exist.");
                return;
            }

            adapter = request.Model;
        }

        var number = Interlocked.Increment(ref _requests);
        var id = (kind == ApiKind.ChatCompletions ? "chatcmpl-" : "cmpl-") + _options.PodName + "-" + number.ToString(CultureInfo.InvariantCulture);
        var tokens = TextTokenizer.Tokenize(request.PromptText, _options.Profile.BlockSize, adapter);
        var maxModelLen = _options.Profile.MaxModelLen;
        if (tokens.Tokens + (request.MaxTokens ?? 0) > maxModelLen)
        {
            // vLLM checks the requested budget, not the length it happens to generate.
            await ErrorAsync(context, 400, "BadRequestError", ContextLengthMessage(tokens.Tokens, request.MaxTokens ?? 0));
            return;
        }

        var random = new Random(Workloads.SyntheticText.DeriveSeed(_options.Seed, 30, (int)(number & int.MaxValue)));
        var (outputTokens, finishReason) = OutputLength.Choose(request, tokens.Tokens, maxModelLen, random);
        var engineRequest = new EngineRequest
        {
            Id = id,
            PromptTokens = Math.Max(1, tokens.Tokens),
            BlockHashes = tokens.BlockHashes,
            OutputTokens = outputTokens,
            Adapter = adapter,
        };

        var observer = new StreamingObserver(_metrics, _time);
        var submitted = _engine.Submit(engineRequest, observer);
        if (!submitted.Accepted)
        {
            var (status, message) = submitted.Rejection switch
            {
                SubmitRejection.QueueFull => (429, "the waiting queue is full"),
                SubmitRejection.LoraDisabled => (400, "LoRA adapters are disabled (--max-loras 0)"),
                _ => (400, ContextLengthMessage(tokens.Tokens, outputTokens)),
            };
            await ErrorAsync(context, status, status == 429 ? "TooManyRequests" : "BadRequestError", message);
            return;
        }

        var sequence = submitted.Sequence!;
        var created = _time.GetUtcNow().ToUnixTimeSeconds();
        try
        {
            if (request.Stream) await StreamAsync(context, request, id, created, sequence, observer, finishReason, cancellationToken);
            else await RespondAsync(context, request, id, created, sequence, observer, finishReason, cancellationToken);
            _metrics.RecordSuccess(finishReason);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away: free the sequence's place in the batch and its KV blocks.
            _engine.Abort(sequence);
            ServeLog.ClientAborted(_logger, id);
        }
    }

    private static async Task StreamAsync(HttpContext context, ServeRequest request, string id, long created, EngineSequence sequence,
        StreamingObserver observer, string finishReason, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(cancellationToken);
        var writer = response.BodyWriter;
        var total = sequence.Request.OutputTokens;
        using var json = new Utf8JsonWriter(writer, ResponseJson.WriterOptions);
        while (await observer.Tokens.WaitToReadAsync(cancellationToken))
        {
            // Coalesce whatever the engine produced since the last flush into one write.
            while (observer.Tokens.TryRead(out var index))
            {
                if (index == 1 && request.Kind == ApiKind.ChatCompletions)
                {
                    WriteEvent(writer, json, j => ResponseJson.WriteChunk(j, request.Kind, id, created, request.Model, "assistant", "", null));
                }

                var finish = index == total ? finishReason : null;
                WriteEvent(writer, json, j => ResponseJson.WriteChunk(j, request.Kind, id, created, request.Model, null, TokenText.Token(index - 1), finish));
            }

            await writer.FlushAsync(cancellationToken);
        }

        if (request.IncludeUsage)
        {
            WriteEvent(writer, json, j => ResponseJson.WriteUsageChunk(j, request.Kind, id, created, request.Model,
                sequence.Request.PromptTokens, sequence.Generated, Math.Max(0, sequence.CachedTokens)));
        }

        writer.Write(Done);
        await writer.FlushAsync(cancellationToken);
    }

    private static async Task RespondAsync(HttpContext context, ServeRequest request, string id, long created, EngineSequence sequence,
        StreamingObserver observer, string finishReason, CancellationToken cancellationToken)
    {
        var text = new System.Text.StringBuilder(sequence.Request.OutputTokens * TextTokenizer.CharsPerToken);
        await foreach (var index in observer.Tokens.ReadAllAsync(cancellationToken)) text.Append(TokenText.Token(index - 1));

        await WriteJsonAsync(context, json => ResponseJson.WriteResponse(json, request.Kind, id, created, request.Model, text.ToString(), finishReason,
            sequence.Request.PromptTokens, sequence.Generated, Math.Max(0, sequence.CachedTokens)), cancellationToken, text.Length + 512);
    }

    private static void WriteEvent(IBufferWriter<byte> writer, Utf8JsonWriter json, Action<Utf8JsonWriter> write)
    {
        writer.Write(DataPrefix);
        json.Reset(writer);
        write(json);
        json.Flush();
        writer.Write(EventEnd);
    }

    private async Task WriteModelsAsync(HttpContext context)
    {
        var created = _time.GetUtcNow().ToUnixTimeSeconds();
        await WriteJsonAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteString("object", "list");
            json.WriteStartArray("data");
            WriteModel(json, _options.Model, created, parent: null);
            foreach (var adapter in _options.LoraAdapters) WriteModel(json, adapter, created, _options.Model);
            json.WriteEndArray();
            json.WriteEndObject();
        }, context.RequestAborted);
    }

    private void WriteModel(Utf8JsonWriter json, string name, long created, string? parent)
    {
        json.WriteStartObject();
        json.WriteString("id", name);
        json.WriteString("object", "model");
        json.WriteNumber("created", created);
        json.WriteString("owned_by", "vllm");
        json.WriteString("root", name);
        if (parent is null) json.WriteNull("parent");
        else json.WriteString("parent", parent);
        json.WriteNumber("max_model_len", _options.Profile.MaxModelLen);
        json.WriteEndObject();
    }

    private async Task WriteMetricsAsync(HttpContext context)
    {
        context.Response.ContentType = PrometheusTextWriter.ContentType;
        var text = new StringWriter(CultureInfo.InvariantCulture);
        _metrics.Write(text);
        await context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }

    private async Task ErrorAsync(HttpContext context, int status, string type, string message)
    {
        ServeLog.Rejected(_logger, status, message);
        context.Response.StatusCode = status;
        await WriteJsonAsync(context, json => ResponseJson.WriteError(json, status, type, message), context.RequestAborted);
    }

    // Serialised into a buffer first, so the body goes out in one write.
    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write, CancellationToken cancellationToken, int capacity = 256)
    {
        context.Response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>(capacity);
        using (var json = new Utf8JsonWriter(buffer, ResponseJson.WriterOptions))
        {
            write(json);
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }

    private string ContextLengthMessage(int prompt, int completion) =>
        $"This model's maximum context length is {_options.Profile.MaxModelLen} tokens. However, you requested "
        + $"{prompt + completion} tokens ({prompt} in the prompt, {completion} in the completion).";

    private async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Sized for the declared length, up to the limit (Kestrel answers 413 beyond it): a client's Content-Length
        // must not decide what is allocated.
        using var memory = new MemoryStream(request.ContentLength is > 0 and var length ? (int)Math.Min(length, _options.MaxRequestBodyBytes) : 4096);
        await request.Body.CopyToAsync(memory, cancellationToken);
        return memory.ToArray();
    }
}
