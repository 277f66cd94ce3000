using System.Globalization;
using System.Text;
using CsvHelper.Configuration;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>Maps a row type's PascalCase properties to snake_case columns, as every table of the tool names them.</summary>
public sealed class SnakeCaseMap<TRow> : ClassMap<TRow>
{
    public SnakeCaseMap()
    {
        AutoMap(CultureInfo.InvariantCulture);
        foreach (var member in MemberMaps)
        {
            member.Data.Names.Clear();
            member.Data.Names.Add(ToSnakeCase(member.Data.Member!.Name));
        }
    }

    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
