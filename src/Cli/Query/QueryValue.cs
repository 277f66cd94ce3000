using System.Globalization;
using System.Numerics;

namespace PcapSipAnalyzer.Cli.Query;

/// <summary>One value of a query result as text, the same in every output: invariant numbers, RFC 3339 times.</summary>
internal static class QueryValue
{
    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Take(64).Select(Text)) + "]",
        _ => value.ToString(),
    };

    /// <summary>Whether the value is a number (JSON writes it bare; the console aligns it right).</summary>
    public static bool IsNumber(object? value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal or BigInteger;
}
