namespace EppOperator.Operator.Tests.Support;

/// <summary>
/// Compares output with a committed golden file; with <c>UPDATE_GOLDEN=1</c> it rewrites the file instead (review the
/// diff before committing).
/// </summary>
internal static class Golden
{
    public static void AssertMatches(string name, string actual)
    {
        var path = Path.Combine(RepoPaths.Golden, name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            Assert.Warn($"golden file {name} rewritten");
            return;
        }

        Assert.That(File.Exists(path), Is.True, $"golden file {path} is missing; run the tests with UPDATE_GOLDEN=1 to create it");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(path)), $"output differs from {name}; if the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff");
    }
}
