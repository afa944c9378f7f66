using System.Collections.Immutable;
using System.Text;

namespace EppOperator.Epp.Datalayer;

/// <summary>
/// Turns a scraped page into <see cref="EndpointMetrics"/> under one <see cref="EngineMetricMapping"/>. One instance
/// per endpoint, used by one scrape at a time: it keeps the last LoRA adapter lists so an unchanged list is not
/// decoded again, which leaves the new <see cref="EndpointMetrics"/> record as the only allocation of a scrape.
/// </summary>
/// <remarks>
/// Series selection follows GAIE: among the series a selector matches, the one with the highest timestamp wins
/// (no timestamp counts as 0) and on a tie the first one; nothing is summed. For the LoRA info metric the series
/// with the largest value wins, since vLLM sets it to the time the adapter set changed. A field missing from a
/// page keeps its previous value, as in the reference; a page with no mapped field at all is not a refresh.
/// </remarks>
internal sealed class MetricsExtractor : IPrometheusSampleSink
{
    private static ReadOnlySpan<byte> RunningAdaptersLabel => "running_lora_adapters"u8;

    private static ReadOnlySpan<byte> WaitingAdaptersLabel => "waiting_lora_adapters"u8;

    private static ReadOnlySpan<byte> MaxLoraLabel => "max_lora"u8;

    private readonly byte[][] _familyNames;
    private readonly int[][] _familySlots;
    private readonly Slot[] _slots;
    private readonly SlotState[] _states;
    private readonly AdapterListCache _activeModels = new();
    private readonly AdapterListCache _waitingModels = new();

    public MetricsExtractor(EngineMetricMapping mapping)
    {
        Mapping = mapping;
        var slots = new List<Slot>();
        AddSlots(slots, FieldKind.Queue, mapping.QueuedRequests);
        AddSlots(slots, FieldKind.Running, mapping.RunningRequests);
        AddSlots(slots, FieldKind.KvCache, mapping.KvCacheUsage);
        AddSlots(slots, FieldKind.Lora, mapping.LoraInfo);
        AddSlots(slots, FieldKind.BlockSize, mapping.CacheBlockSize);
        AddSlots(slots, FieldKind.NumBlocks, mapping.CacheNumBlocks);
        _slots = [.. slots];
        _states = [.. slots.Select(_ => new SlotState())];

        var families = slots.Select(s => s.Field.Selector.Name).Distinct(StringComparer.Ordinal).ToArray();
        _familyNames = [.. families.Select(Encoding.UTF8.GetBytes)];
        _familySlots = [.. families.Select(f => Enumerable.Range(0, slots.Count).Where(i => slots[i].Field.Selector.Name == f).ToArray())];
    }

    public EngineMetricMapping Mapping { get; }

    public MetricsExtraction Extract(ReadOnlySpan<byte> page, EndpointMetrics previous, DateTimeOffset now)
    {
        foreach (var state in _states) state.Reset();
        var stats = PrometheusTextParser.Parse(page, this);

        var queue = First(FieldKind.Queue);
        var running = First(FieldKind.Running);
        var kv = First(FieldKind.KvCache);
        var blockSize = First(FieldKind.BlockSize);
        var numBlocks = First(FieldKind.NumBlocks);
        var lora = FirstLora();
        if (queue is null && running is null && kv is null && blockSize is null && numBlocks is null && lora is null)
        {
            return new MetricsExtraction(null, stats);
        }

        var metrics = previous with
        {
            WaitingQueueSize = queue is { } q ? ToCount(q) : previous.WaitingQueueSize,
            RunningRequests = running is { } r ? ToCount(r) : previous.RunningRequests,
            KvCacheUsage = kv is { } k ? Math.Clamp(k, 0, 1) : previous.KvCacheUsage,
            CacheBlockSize = blockSize is { } b ? ToCount(b) : previous.CacheBlockSize,
            CacheNumBlocks = numBlocks is { } n ? ToCount(n) : previous.CacheNumBlocks,
            ActiveModels = lora is { } a ? _activeModels.Get(a.Running) : previous.ActiveModels,
            WaitingModels = lora is { } w ? _waitingModels.Get(w.Waiting) : previous.WaitingModels,
            MaxActiveModels = lora is { } m ? m.MaxLora : previous.MaxActiveModels,
            UpdatedAt = now,
        };
        return new MetricsExtraction(metrics, stats);
    }

    int IPrometheusSampleSink.Select(ReadOnlySpan<byte> metricName)
    {
        for (var i = 0; i < _familyNames.Length; i++)
        {
            if (metricName.SequenceEqual(_familyNames[i])) return i;
        }

        return -1;
    }

    void IPrometheusSampleSink.Accept(int slot, in PrometheusSample sample)
    {
        foreach (var index in _familySlots[slot])
        {
            var definition = _slots[index];
            if (!definition.Field.Selector.Matches(sample)) continue;

            var state = _states[index];
            var rank = definition.Kind == FieldKind.Lora ? sample.Value : sample.Timestamp ?? 0;
            if (double.IsNaN(rank) || (state.Found && !(rank > state.Rank))) continue;

            state.Found = true;
            state.Rank = rank;
            if (definition.Kind == FieldKind.Lora)
            {
                state.CaptureLora(sample);
            }
            else if (definition.ValueLabel is { } label)
            {
                var parsed = 0;
                state.HasValue = sample.TryGetLabel(label, out var raw) && PrometheusLabelValue.TryParseInt32(raw, out parsed);
                state.Value = parsed;
            }
            else
            {
                state.HasValue = double.IsFinite(sample.Value);
                state.Value = sample.Value;
            }
        }
    }

    private double? First(FieldKind kind)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Kind == kind && _states[i] is { Found: true, HasValue: true } state) return state.Value;
        }

        return null;
    }

    private SlotState? FirstLora()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Kind == FieldKind.Lora && _states[i].Found) return _states[i];
        }

        return null;
    }

    private static int ToCount(double value) => (int)Math.Clamp(value, 0, int.MaxValue);

    private static void AddSlots(List<Slot> slots, FieldKind kind, ImmutableArray<MetricField> fields)
    {
        foreach (var field in fields)
        {
            slots.Add(new Slot(kind, field, field.ValueLabel is null ? null : Encoding.UTF8.GetBytes(field.ValueLabel)));
        }
    }

    private enum FieldKind
    {
        Queue,
        Running,
        KvCache,
        Lora,
        BlockSize,
        NumBlocks,
    }

    private sealed record Slot(FieldKind Kind, MetricField Field, byte[]? ValueLabel);

    /// <summary>The best series seen so far in this scrape for one selector.</summary>
    private sealed class SlotState
    {
        public bool Found;
        public bool HasValue;
        public double Rank;
        public double Value;
        public int MaxLora;
        public readonly RawBytes Running = new();
        public readonly RawBytes Waiting = new();

        public void Reset()
        {
            Found = false;
            HasValue = false;
        }

        public void CaptureLora(in PrometheusSample sample)
        {
            HasValue = true;
            Running.Set(sample.TryGetLabel(RunningAdaptersLabel, out var running) ? running : default);
            Waiting.Set(sample.TryGetLabel(WaitingAdaptersLabel, out var waiting) ? waiting : default);
            MaxLora = sample.TryGetLabel(MaxLoraLabel, out var max) && PrometheusLabelValue.TryParseInt32(max, out var parsed) ? parsed : 0;
        }
    }

    /// <summary>A reusable copy of a label value that must outlive the parser's span.</summary>
    private sealed class RawBytes
    {
        private byte[] _buffer = [];

        public int Length { get; private set; }

        public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

        public void Set(ReadOnlySpan<byte> value)
        {
            if (_buffer.Length < value.Length) _buffer = new byte[Math.Max(value.Length, 64)];
            value.CopyTo(_buffer);
            Length = value.Length;
        }
    }

    /// <summary>The last decoded adapter list and the raw label it came from; an unchanged label reuses the list.</summary>
    private sealed class AdapterListCache
    {
        private readonly RawBytes _raw = new();
        private ImmutableArray<string> _names = [];
        private bool _filled;

        public ImmutableArray<string> Get(RawBytes raw)
        {
            if (_filled && raw.Span.SequenceEqual(_raw.Span)) return _names;

            _raw.Set(raw.Span);
            _filled = true;
            _names = [.. PrometheusLabelValue.Decode(raw.Span).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
            return _names;
        }
    }
}
