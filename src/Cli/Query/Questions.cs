namespace PcapSipAnalyzer.Cli.Query;

/// <summary>The named questions of <c>pcapsip query --question</c>, each one SQL text over the batch's views (the README shows it).</summary>
internal static class Questions
{
    private static readonly (string Name, string Sql)[] All =
    [
        // Which clients had responses leave through the wrong gateway, in which jobs (sites, days), how often.
        ("wrong-gateway-clients", """
            SELECT client, job, count(*) AS findings
            FROM findings
            WHERE kind = 'response-wrong-gateway'
            GROUP BY client, job
            ORDER BY client, job
            """),
        // Registrations that did not end registered, per client subnet (IPv4 /24; an IPv6 client as itself) and job.
        ("failed-registrations-by-subnet", """
            SELECT coalesce(nullif(regexp_extract(client, '^(\d+\.\d+\.\d+)\.\d+:', 1), '') || '.0/24',
                            regexp_extract(client, '^\[([^\]]*)\]', 1)) AS subnet,
                   job, count(*) AS registrations, count(DISTINCT client) AS clients,
                   string_agg(DISTINCT outcome, ', ' ORDER BY outcome) AS outcomes
            FROM registrations
            WHERE outcome <> 'registered'
            GROUP BY subnet, job
            ORDER BY subnet, job
            """),
        // The views and their columns.
        ("tables", "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_name NOT LIKE '%\\_files' ESCAPE '\\' ORDER BY table_name, ordinal_position"),
    ];

    public static string[] Names => All.Select(q => q.Name).ToArray();

    public static string Sql(string name) => All.First(q => q.Name == name).Sql;
}
