namespace EppOperator.Epp.Scheduling;

/// <summary>Values of the <c>extension_point</c> label of the plugin duration metric, as the reference spells them.</summary>
internal static class ExtensionPoints
{
    public const string PrepareData = "PrepareData";
    public const string ProfileHandler = "ProfilePicker";
    public const string Filter = "Filter";
    public const string Scorer = "Scorer";
    public const string Picker = "Picker";
}
