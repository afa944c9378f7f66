namespace EppOperator.Epp.Config;

/// <summary>
/// Where the scheduler configuration comes from: <c>--config-file</c> (reloaded when it changes),
/// <c>--config-text</c>, or neither (the reference defaults, <see cref="SchedulerDefaults.ConfigText"/>).
/// </summary>
internal sealed record SchedulerConfigSource
{
    public const string FileFlag = "--config-file";
    public const string TextFlag = "--config-text";

    private SchedulerConfigSource(string? filePath, string? text)
    {
        FilePath = filePath;
        Text = text;
    }

    public static SchedulerConfigSource Defaults { get; } = new(null, null);

    public string? FilePath { get; }

    public string? Text { get; }

    /// <summary>The flag to name in messages about this source.</summary>
    public string Flag => FilePath is not null ? FileFlag : Text is not null ? TextFlag : "default configuration";

    public string Description => FilePath is not null ? $"{FileFlag} {FilePath}" : Text is not null ? TextFlag : "default configuration";

    public static SchedulerConfigSource FromFile(string path) => new(path, null);

    public static SchedulerConfigSource FromText(string text) => new(null, text);

    /// <summary>
    /// From the two flags; null values mean "not given". Both at once is an error (the reference silently prefers
    /// the text, which hides a mistake).
    /// </summary>
    public static SchedulerConfigSource? FromFlags(string? configFile, string? configText, out string? error)
    {
        error = null;
        var hasFile = !string.IsNullOrWhiteSpace(configFile);
        var hasText = !string.IsNullOrWhiteSpace(configText);
        if (hasFile && hasText)
        {
            error = $"{FileFlag} and {TextFlag} cannot be used together";
            return null;
        }

        return hasFile ? FromFile(configFile!) : hasText ? FromText(configText!) : Defaults;
    }

    /// <summary>The configuration text now; false with a reason when the file cannot be read.</summary>
    public bool TryRead(out string text, out string? error)
    {
        error = null;
        if (FilePath is null)
        {
            text = Text ?? SchedulerDefaults.ConfigText;
            return true;
        }

        try
        {
            text = File.ReadAllText(FilePath);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            text = "";
            error = e.Message;
            return false;
        }
    }
}
