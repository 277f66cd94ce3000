using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace PcapSipAnalyzer.Cli;

/// <summary>
/// Numeric options whose parse errors name the option and the form it takes: System.CommandLine's own message
/// names the .NET type ("expected type 'System.Nullable`1[System.Double]'"), which means nothing to a user.
/// </summary>
internal static class NumberOption
{
    /// <summary>A number such as 5 or 2.5; <paramref name="form"/> says what it means ("a percentage, e.g. 5").</summary>
    public static Option<double?> Decimal(string name, string description, string form) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = Single(result);
            if (text is null) return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value >= 0)
                return value;
            result.AddError($"{name} takes {form}, not '{text}'");
            return null;
        },
    };

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static Option<int?> Integer(string name, string description, int min, int max) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = Single(result);
            if (text is null) return null;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max)
                return value;
            result.AddError(max == int.MaxValue
                ? $"{name} takes a whole number from {min} up, not '{text}'"
                : $"{name} takes a whole number from {min} to {max}, not '{text}'");
            return null;
        },
    };

    private static string? Single(ArgumentResult result) => result.Tokens.Count == 0 ? null : result.Tokens[^1].Value;
}
