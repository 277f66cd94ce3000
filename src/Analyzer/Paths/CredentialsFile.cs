using System.Text.Json;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// <c>--credentials FILE</c>: the passwords the engineer knows, in JSON or YAML, so digest responses can be
/// verified. A list of entries, at the top level or under <c>credentials:</c>; realm is optional (any realm).
/// <code>
/// credentials:
///   - { user: "201", realm: ipoffice, password: "1234" }
/// </code>
/// </summary>
public sealed class CredentialsFile
{
    public IReadOnlyList<CredentialsEntry> Entries { get; init; } = [];

    public static CredentialsFile Load(string path) => Parse(File.ReadAllText(path), path);

    public static CredentialsFile Parse(string text, string source = "credentials")
    {
        List<Entry>? entries;
        try
        {
            var trimmed = text.TrimStart();
            if (trimmed.StartsWith('[') || trimmed.StartsWith('{'))
            {
                var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, AllowTrailingCommas = true };
                entries = trimmed.StartsWith('[')
                    ? JsonSerializer.Deserialize<List<Entry>>(text, options)
                    : JsonSerializer.Deserialize<Document>(text, options)?.Credentials;
            }
            else
            {
                var yaml = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance)
                    .IgnoreUnmatchedProperties().Build();
                entries = trimmed.StartsWith('-')
                    ? yaml.Deserialize<List<Entry>>(text)
                    : yaml.Deserialize<Document>(text)?.Credentials;
            }
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException)
        {
            throw new FormatException($"{source}: {e.Message}", e);
        }
        var result = new List<CredentialsEntry>();
        foreach (var e in entries ?? [])
        {
            if (string.IsNullOrEmpty(e.User) || e.Password is null)
                throw new FormatException($"{source}: every entry needs a user and a password");
            result.Add(new CredentialsEntry(e.User, string.IsNullOrEmpty(e.Realm) ? null : e.Realm, e.Password));
        }
        return new CredentialsFile { Entries = result };
    }

    /// <summary>The password for the user in the realm: an entry naming the realm first, else one without realm.</summary>
    public string? PasswordFor(string user, string? realm)
    {
        string? any = null;
        foreach (var e in Entries)
        {
            if (!string.Equals(e.User, user, StringComparison.Ordinal)) continue;
            if (e.Realm is null) any ??= e.Password;
            else if (realm is not null && string.Equals(e.Realm, realm, StringComparison.Ordinal)) return e.Password;
        }
        return any;
    }

    private sealed class Document
    {
        public List<Entry>? Credentials { get; set; }
    }

    private sealed class Entry
    {
        public string? User { get; set; }
        public string? Realm { get; set; }
        public string? Password { get; set; }
    }
}
