using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Prefix;

namespace EppOperator.Scheduling.Tests.Prefix;

public sealed class PrefixIndexTests
{
    [Test]
    public void Match_EmptyIndex_AllZero()
    {
        var index = new PrefixIndex(new PrefixIndexOptions());
        var endpoints = TestEndpoints.Many(3);
        var matched = new int[3];

        index.Match([1, 2, 3], endpoints, matched);

        Assert.That(matched, Is.EqualTo(new[] { 0, 0, 0 }));
    }

    [Test]
    public void Match_SharedPrefixPrompts_CountsLeadingBlocksPerEndpoint()
    {
        var index = new PrefixIndex(new PrefixIndexOptions());
        var endpoints = TestEndpoints.Many(3);
        var p1 = Chain(1, 10);
        var p2 = Chain(1, 4).Concat(Chain(2, 4)).ToArray(); // shares 4 blocks with p1, then diverges
        var query = Chain(1, 6).Concat(Chain(3, 2)).ToArray();
        index.Record(endpoints[0], p1);
        index.Record(endpoints[1], p2);
        var matched = new int[3];

        index.Match(query, endpoints, matched);

        Assert.That(matched, Is.EqualTo(new[] { 6, 4, 0 }));
    }

    [Test]
    public void Match_CandidateSubsetInOtherOrder_WritesByCandidatePosition()
    {
        var index = new PrefixIndex(new PrefixIndexOptions());
        var endpoints = TestEndpoints.Many(4);
        index.Record(endpoints[1], Chain(1, 3));
        index.Record(endpoints[3], Chain(1, 5));
        var matched = new int[3];

        index.Match(Chain(1, 5), [endpoints[3], endpoints[2], endpoints[1]], matched);

        Assert.That(matched, Is.EqualTo(new[] { 5, 0, 3 }));
    }

    [Test]
    public void Record_OverCapacity_EvictsDeepestBlocksOfOldestPromptFirst()
    {
        var index = new PrefixIndex(new PrefixIndexOptions { CapacityPerEndpoint = 5 });
        var endpoint = TestEndpoints.Create(0);
        ulong[] a = [0xA0, 0xA1, 0xA2];
        ulong[] b = [0xB0, 0xB1, 0xB2];

        index.Record(endpoint, a);
        index.Record(endpoint, b);

        Assert.That(index.BlocksByAge(endpoint), Is.EqualTo(new ulong[] { 0xA1, 0xA0, 0xB2, 0xB1, 0xB0 }));
        var matched = new int[1];
        index.Match(a, [endpoint], matched);
        Assert.That(matched[0], Is.EqualTo(2));
    }

    [Test]
    public void Record_SharedRootUnderPressure_RootOutlivesEveryDescendant()
    {
        var index = new PrefixIndex(new PrefixIndexOptions { CapacityPerEndpoint = 4 });
        var endpoint = TestEndpoints.Create(0);

        index.Record(endpoint, [0x50, 0x51, 0x1]);       // system prompt s0 s1, then x
        index.Record(endpoint, [0x50, 0x51, 0x2]);       // same system prompt, then y
        index.Record(endpoint, [0x50, 0x51, 0x3, 0x4]);  // same system prompt, then two more blocks

        Assert.That(index.BlocksByAge(endpoint), Is.EqualTo(new ulong[] { 0x4, 0x3, 0x51, 0x50 }));
    }

    [Test]
    public void Record_PromptLongerThanCapacity_KeepsLeadingBlocks()
    {
        var index = new PrefixIndex(new PrefixIndexOptions { CapacityPerEndpoint = 3 });
        var endpoint = TestEndpoints.Create(0);
        var prompt = Chain(7, 10);

        index.Record(endpoint, prompt);

        var matched = new int[1];
        index.Match(prompt, [endpoint], matched);
        Assert.That(matched[0], Is.EqualTo(3));
        Assert.That(index.TotalBlocks, Is.EqualTo(3));
    }

    [Test]
    public void Record_AutoTune_UsesServerReportedBlockCount()
    {
        var index = new PrefixIndex(new PrefixIndexOptions { AutoTuneCapacity = true });
        var endpoint = TestEndpoints.Create(0, new EndpointMetrics { CacheNumBlocks = 4, UpdatedAt = TestEndpoints.Now });

        index.Record(endpoint, Chain(1, 10));

        Assert.That(index.CapacityFor(endpoint), Is.EqualTo(4));
        Assert.That(index.TotalBlocks, Is.EqualTo(4));
    }

    [Test]
    public void Record_AutoTuneOff_IgnoresServerReportedBlockCount()
    {
        var index = new PrefixIndex(new PrefixIndexOptions { AutoTuneCapacity = false, CapacityPerEndpoint = 6 });
        var endpoint = TestEndpoints.Create(0, new EndpointMetrics { CacheNumBlocks = 4, UpdatedAt = TestEndpoints.Now });

        index.Record(endpoint, Chain(1, 10));

        Assert.That(index.TotalBlocks, Is.EqualTo(6));
    }

    [Test]
    public void Record_NewEndpointLowersBudgetShare_TrimsExistingEndpoints()
    {
        var index = new PrefixIndex(new PrefixIndexOptions { MaxTotalBlocks = 100 });
        var endpoints = TestEndpoints.Many(2);
        index.Record(endpoints[0], Chain(1, 100));

        index.Record(endpoints[1], Chain(2, 100));

        Assert.That(index.TotalBlocks, Is.EqualTo(100));
        Assert.That(index.BlocksByAge(endpoints[0]), Has.Count.EqualTo(50));
        Assert.That(index.BlocksByAge(endpoints[1]), Has.Count.EqualTo(50));
    }

    [Test]
    public void Record_OneMillionBlocks_StaysWithinMemoryBound()
    {
        const int bound = 20_000;
        var index = new PrefixIndex(new PrefixIndexOptions { MaxTotalBlocks = bound });
        var endpoints = TestEndpoints.Many(8);
        var prompt = new ulong[250];
        var random = new Random(42);
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var p = 0; p < 4_000; p++)
        {
            for (var i = 0; i < prompt.Length; i++) prompt[i] = (ulong)random.NextInt64();
            index.Record(endpoints[p % endpoints.Length], prompt);
        }

        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.That(index.TotalBlocks, Is.LessThanOrEqualTo(bound));
        Assert.That(index.DistinctBlocks, Is.LessThanOrEqualTo(bound));
        Assert.That(endpoints.Select(e => index.BlocksByAge(e).Count), Has.All.LessThanOrEqualTo(bound / endpoints.Length));
        // The prefixindex benchmark measures ~90 B per entry; an unbounded index would hold 1M entries here.
        Assert.That(retained, Is.LessThan(bound * 400L), $"retained {retained} bytes");
    }

    [Test]
    public void Remove_KnownEndpoint_ForgetsItsBlocks()
    {
        var index = new PrefixIndex(new PrefixIndexOptions());
        var endpoints = TestEndpoints.Many(2);
        index.Record(endpoints[0], Chain(1, 5));
        index.Record(endpoints[1], Chain(1, 3));

        var removed = index.Remove(endpoints[0]);

        var matched = new int[2];
        index.Match(Chain(1, 5), endpoints, matched);
        Assert.That(removed, Is.True);
        Assert.That(matched, Is.EqualTo(new[] { 0, 3 }));
        Assert.That(index.TotalBlocks, Is.EqualTo(3));
        Assert.That(index.DistinctBlocks, Is.EqualTo(3));
    }

    [Test]
    public void RetainOnly_EndpointLeftPool_IsPurgedAndSlotReused()
    {
        var index = new PrefixIndex(new PrefixIndexOptions());
        var endpoints = TestEndpoints.Many(3);
        foreach (var endpoint in endpoints) index.Record(endpoint, Chain(1, 2));

        var removed = index.RetainOnly([endpoints[0], endpoints[2]]);
        var newcomer = TestEndpoints.Create(9);
        index.Record(newcomer, Chain(1, 4));

        var matched = new int[4];
        index.Match(Chain(1, 4), [.. endpoints, newcomer], matched);
        Assert.That(removed, Is.EqualTo(1));
        Assert.That(matched, Is.EqualTo(new[] { 2, 0, 2, 4 }));
        Assert.That(index.EndpointCount, Is.EqualTo(3));
    }

    [Test]
    public void Match_SameCandidatesAfterSlotReuse_CreditsTheNewOwner()
    {
        var index = new PrefixIndex(new PrefixIndexOptions());
        var endpoints = TestEndpoints.Many(2);
        var matched = new int[2];
        index.Record(endpoints[0], Chain(1, 4));
        index.Match(Chain(1, 4), endpoints, matched);

        index.Remove(endpoints[0]);
        index.Record(endpoints[1], Chain(1, 3)); // takes the freed slot
        index.Match(Chain(1, 4), endpoints, matched);

        Assert.That(matched, Is.EqualTo(new[] { 0, 3 }));
    }

    // Prompts drawn from a random prefix tree, recorded with eviction, must match exactly what a naive model of
    // "leading blocks held" says: the LRU order keeps each endpoint's blocks prefix-closed, so binary search is exact.
    [TestCase(1_000, 5)]
    [TestCase(40, 12)]
    public void Match_RandomPrefixTree_EqualsNaiveLeadingBlockCount(int capacity, int endpointCount)
    {
        var random = new Random(7);
        var index = new PrefixIndex(new PrefixIndexOptions { CapacityPerEndpoint = capacity, AutoTuneCapacity = false });
        var endpoints = TestEndpoints.Many(endpointCount);
        var prompts = Enumerable.Range(0, 60).Select(_ => RandomTreePrompt(random)).ToList();
        foreach (var prompt in prompts) index.Record(endpoints[random.Next(endpointCount)], prompt);
        var matched = new int[endpointCount];

        foreach (var query in prompts.Take(20).Append(RandomTreePrompt(random)))
        {
            index.Match(query, endpoints, matched);

            var expected = endpoints.Select(e => LeadingHeld(index.BlocksByAge(e), query)).ToArray();
            Assert.That(matched, Is.EqualTo(expected));
        }
    }

    [Test]
    public void RecordAndMatch_ConcurrentThreads_CountersStayConsistent()
    {
        var index = new PrefixIndex(new PrefixIndexOptions { CapacityPerEndpoint = 200 });
        var endpoints = TestEndpoints.Many(6);

        Parallel.For(0, 4, worker =>
        {
            var random = new Random(worker);
            var matched = new int[endpoints.Length];
            for (var i = 0; i < 2_000; i++)
            {
                var prompt = RandomTreePrompt(random);
                if (i % 3 == 0) index.Record(endpoints[random.Next(endpoints.Length)], prompt);
                else index.Match(prompt, endpoints, matched);
            }
        });

        var held = endpoints.Sum(e => index.BlocksByAge(e).Count);
        Assert.That(index.TotalBlocks, Is.EqualTo(held));
        Assert.That(endpoints.Select(e => index.BlocksByAge(e).Count), Has.All.LessThanOrEqualTo(200));
    }

    [Test]
    public void Match_EndpointRegisteredWhileMatching_NeverThrows()
    {
        // A decision may look up a candidate registered (growing the slot table) after it sized its marks; such a
        // candidate must count as holding nothing, not index past the marks. Each round matches on a new thread, whose
        // per-thread marks start at the initial table size, while the 17th endpoint's first record grows the table.
        var prompt = Chain(1, 4);
        Exception? failure = null;
        for (var round = 0; round < 200 && failure is null; round++)
        {
            var index = new PrefixIndex(new PrefixIndexOptions());
            var endpoints = TestEndpoints.Many(17);
            for (var i = 0; i < 16; i++) index.Record(endpoints[i], prompt);
            var matching = 0;
            var registered = 0;
            var matcher = new Thread(() =>
            {
                var matched = new int[endpoints.Length];
                try
                {
                    do
                    {
                        index.Match(prompt, endpoints, matched);
                        Volatile.Write(ref matching, 1);
                    }
                    while (Volatile.Read(ref registered) == 0);
                }
                catch (IndexOutOfRangeException e)
                {
                    failure = e;
                    Volatile.Write(ref matching, 1);
                }
            });

            matcher.Start();
            while (Volatile.Read(ref matching) == 0) Thread.SpinWait(10);
            index.Record(endpoints[16], prompt);
            Volatile.Write(ref registered, 1);
            matcher.Join();
        }

        Assert.That(failure, Is.Null);
    }

    private static ulong[] Chain(int branch, int length) =>
        [.. Enumerable.Range(0, length).Select(i => ((ulong)branch << 32) | (uint)i)];

    // A path of 1..40 blocks in a tree whose nodes have 3 children: hashes stand for the whole path, as chained ones do.
    private static ulong[] RandomTreePrompt(Random random)
    {
        var length = random.Next(1, 41);
        var hashes = new ulong[length];
        ulong path = 17;
        for (var i = 0; i < length; i++)
        {
            path = unchecked((path * 31) + (ulong)random.Next(3) + 1);
            hashes[i] = path;
        }

        return hashes;
    }

    private static int LeadingHeld(IReadOnlyList<ulong> held, ulong[] query)
    {
        var set = held.ToHashSet();
        var count = 0;
        while (count < query.Length && set.Contains(query[count])) count++;
        return count;
    }
}
