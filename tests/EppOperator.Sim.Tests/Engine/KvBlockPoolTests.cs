using EppOperator.Sim.Engine;

namespace EppOperator.Sim.Tests.Engine;

public class KvBlockPoolTests
{
    [Test]
    public void Release_SequenceBlocks_AppendsTailFirstSoTheRootIsEvictedLast()
    {
        var pool = new KvBlockPool(numBlocks: 4);
        var blocks = new List<int> { pool.Allocate(), pool.Allocate(), pool.Allocate() };

        pool.Release(blocks);

        // Block 3 was never used; then the released sequence from its tail (2) to its root (0).
        Assert.That(pool.FreeQueue(), Is.EqualTo(new[] { 3, 2, 1, 0 }));
        Assert.That(pool.FreeBlocks, Is.EqualTo(4));
    }

    [Test]
    public void Allocate_AfterTwoSequencesFinished_EvictsTheEarlierReleasedFirst()
    {
        var pool = new KvBlockPool(numBlocks: 2);
        var first = new List<int> { pool.Allocate() };
        var second = new List<int> { pool.Allocate() };
        pool.Register(first[0], 0xA);
        pool.Register(second[0], 0xB);
        pool.Release(first);
        pool.Release(second);

        var reused = pool.Allocate();

        Assert.That(reused, Is.EqualTo(0));
        Assert.That(pool.IsCached(0xA), Is.False, "the least recently released content is evicted");
        Assert.That(pool.IsCached(0xB), Is.True);
    }

    [Test]
    public void AcquireCached_HitOnEvictableBlock_TakesItOutOfTheFreeQueue()
    {
        var pool = new KvBlockPool(numBlocks: 3);
        var owner = new List<int> { pool.Allocate(), pool.Allocate() };
        pool.Register(owner[0], 11);
        pool.Register(owner[1], 22);
        pool.Release(owner);
        ulong[] hashes = [11, 22, 33];

        var hit = pool.CountCachedPrefix(hashes);
        var evictable = pool.CountEvictable(hashes, hit);
        var taken = new List<int>();
        pool.AcquireCached(hashes, hit, taken);

        Assert.That(hit, Is.EqualTo(2));
        Assert.That(evictable, Is.EqualTo(2));
        Assert.That(taken, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(pool.FreeQueue(), Is.EqualTo(new[] { 2 }));
        Assert.That(pool.Usage, Is.EqualTo(2.0 / 3).Within(1e-12));
    }

    [Test]
    public void CountCachedPrefix_GapInTheChain_StopsAtTheFirstMiss()
    {
        var pool = new KvBlockPool(numBlocks: 4);
        var blocks = new List<int> { pool.Allocate(), pool.Allocate() };
        pool.Register(blocks[0], 1);
        pool.Register(blocks[1], 3);

        Assert.That(pool.CountCachedPrefix([1, 2, 3]), Is.EqualTo(1));
    }

    [Test]
    public void Register_DuplicateHash_KeepsTheFirstBlock()
    {
        var pool = new KvBlockPool(numBlocks: 2);
        var first = pool.Allocate();
        var duplicate = pool.Allocate();
        pool.Register(first, 7);
        pool.Register(duplicate, 7);
        pool.Release([first]);

        var taken = new List<int>();
        pool.AcquireCached([7], 1, taken);

        Assert.That(taken, Is.EqualTo(new[] { first }));
    }

    [Test]
    public void Release_MoreOftenThanAcquired_Throws()
    {
        var pool = new KvBlockPool(numBlocks: 1);
        var blocks = new List<int> { pool.Allocate() };
        pool.Release([.. blocks]);

        Assert.Throws<InvalidOperationException>(() => pool.Release(blocks));
    }
}
