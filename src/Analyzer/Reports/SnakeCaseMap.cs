using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;
using PcapSipAnalyzer.Analyzer.Reports.Tables;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>Maps a row type's PascalCase properties to snake_case columns, to read a table back with CsvHelper.</summary>
public sealed class SnakeCaseMap<TRow> : ClassMap<TRow>
{
    public SnakeCaseMap()
    {
        // A capture time is one cell, not a nested record of its fields.
        var context = new CsvContext(new CsvConfiguration(CultureInfo.InvariantCulture));
        context.TypeConverterCache.AddConverter<CaptureTime>(new CaptureTimeConverter());
        AutoMap(context);
        foreach (var member in MemberMaps)
        {
            member.Data.Names.Clear();
            member.Data.Names.Add(TableColumn.SnakeCase(member.Data.Member!.Name));
            var type = member.Data.Member.MemberType();
            if ((Nullable.GetUnderlyingType(type) ?? type) == typeof(CaptureTime))
                member.Data.TypeConverter = new CaptureTimeConverter();
        }
    }

    private sealed class CaptureTimeConverter : DefaultTypeConverter
    {
        public override object? ConvertFromString(string? text, IReaderRow row, MemberMapData memberMapData) =>
            string.IsNullOrEmpty(text) ? null : CaptureTime.Parse(text);

        public override string? ConvertToString(object? value, IWriterRow row, MemberMapData memberMapData) => value?.ToString();
    }
}
