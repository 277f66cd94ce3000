using System.Reflection;

namespace PcapSipAnalyzer.Analyzer.Reports.Tables;

/// <summary>
/// One column of a table: its snake_case name, its type and whether it may be null, taken from one property of
/// the table's row class. Every format (CSV, Parquet, JSON Lines, the HTML tables) writes the column from here.
/// </summary>
public sealed class TableColumn
{
    private readonly PropertyInfo _property;

    private TableColumn(PropertyInfo property, string name, ColumnType type, bool nullable)
    {
        _property = property;
        Name = name;
        Type = type;
        Nullable = nullable;
    }

    public string Name { get; }
    public ColumnType Type { get; }
    public bool Nullable { get; }

    /// <summary>
    /// The cell of <paramref name="row"/> as this column's one CLR type: <see cref="long"/>, <see cref="double"/>,
    /// <see cref="bool"/>, <see cref="string"/> or <see cref="CaptureTime"/>; null for an empty cell.
    /// </summary>
    public object? Get(object row) => _property.GetValue(row) switch
    {
        null => null,
        int i => (long)i,
        var value => value,
    };

    /// <summary>Sets the property from a value of this column's CLR type (reading a table back).</summary>
    public void Set(object row, object? value)
    {
        var target = System.Nullable.GetUnderlyingType(_property.PropertyType) ?? _property.PropertyType;
        _property.SetValue(row, value switch
        {
            null => null,
            long l when target == typeof(int) => checked((int)l),
            DateTime t when target == typeof(CaptureTime) => CaptureTime.FromUtc(t),
            _ => value,
        });
    }

    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>The column of a row property; a property of any other type is a programming error.</summary>
    public static TableColumn Of(PropertyInfo property)
    {
        var underlying = System.Nullable.GetUnderlyingType(property.PropertyType);
        var clr = underlying ?? property.PropertyType;
        var type = clr == typeof(long) || clr == typeof(int) ? ColumnType.Int64
            : clr == typeof(double) ? ColumnType.Double
            : clr == typeof(bool) ? ColumnType.Boolean
            : clr == typeof(string) ? ColumnType.Text
            : clr == typeof(CaptureTime) ? ColumnType.Timestamp
            : throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name}: {clr.Name} is not a table column type");
        bool nullable = underlying is not null ||
                        !clr.IsValueType && Nullability.Create(property).ReadState == NullabilityState.Nullable;
        return new TableColumn(property, SnakeCase(property.Name), type, nullable);
    }

    /// <summary>PascalCase property name to the snake_case column name every table uses.</summary>
    public static string SnakeCase(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
