using EppOperator.Sim.Engine;

namespace EppOperator.Sim.Tests.Engine;

public class TextTokenizerTests
{
    [TestCase(0, 0)]
    [TestCase(1, 1)]
    [TestCase(4, 1)]
    [TestCase(5, 2)]
    [TestCase(64, 16)]
    public void CountTokens_TextOfLength_IsCeilingOfFourCharacterChunks(int length, int expected) =>
        Assert.That(TextTokenizer.CountTokens(new string('x', length)), Is.EqualTo(expected));

    [TestCase(60, 0)]
    [TestCase(61, 1)]
    [TestCase(64, 1)]
    [TestCase(253, 4)]
    public void Tokenize_Text_HashesOnlyBlocksOfSixteenTokens(int length, int blocks) =>
        Assert.That(TextTokenizer.Tokenize(new string('x', length), 16, null).BlockHashes, Has.Length.EqualTo(blocks));

    [Test]
    public void Tokenize_TextsSharingTwoBlocks_ShareExactlyTheFirstTwoHashes()
    {
        var shared = EngineTestKit.Text(32, 1);

        var a = TextTokenizer.Tokenize(shared + EngineTestKit.Text(32, 2), 16, null).BlockHashes;
        var b = TextTokenizer.Tokenize(shared + EngineTestKit.Text(32, 3), 16, null).BlockHashes;

        Assert.That(a[..2], Is.EqualTo(b[..2]));
        Assert.That(a[2], Is.Not.EqualTo(b[2]));
        Assert.That(a[3], Is.Not.EqualTo(b[3]));
    }

    [Test]
    public void Tokenize_SameTextUnderAnotherAdapter_SharesNoHash()
    {
        var text = EngineTestKit.Text(64, 1);

        var baseModel = TextTokenizer.Tokenize(text, 16, null).BlockHashes;
        var adapter = TextTokenizer.Tokenize(text, 16, "sql-lora").BlockHashes;

        Assert.That(baseModel.Intersect(adapter), Is.Empty);
    }

    [Test]
    public void Tokenize_SameBlockAfterDifferentParents_HashesDiffer()
    {
        var block = EngineTestKit.Text(16, 9);

        var a = TextTokenizer.Tokenize(EngineTestKit.Text(16, 1) + block, 16, null).BlockHashes;
        var b = TextTokenizer.Tokenize(EngineTestKit.Text(16, 2) + block, 16, null).BlockHashes;

        Assert.That(a[1], Is.Not.EqualTo(b[1]));
    }
}
