namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>pcapng block type codes (IETF draft-ietf-opsawg-pcapng, section 11.1).</summary>
internal static class PcapngBlockType
{
    public const uint SectionHeader = 0x0A0D0D0A;
    public const uint InterfaceDescription = 0x00000001;
    public const uint ObsoletePacket = 0x00000002;
    public const uint SimplePacket = 0x00000003;
    public const uint NameResolution = 0x00000004;
    public const uint InterfaceStatistics = 0x00000005;
    public const uint EnhancedPacket = 0x00000006;
    public const uint IrigTimestamp = 0x00000007;
    public const uint Arinc429 = 0x00000008;
    public const uint SystemdJournalExport = 0x00000009;
    public const uint DecryptionSecrets = 0x0000000A;
    public const uint ProcessInformation = 0x80000001;
    public const uint Custom = 0x00000BAD;
    public const uint CustomNoCopy = 0x40000BAD;

    /// <summary>
    /// Types a resynchronising reader accepts as the start of a real block. Deliberately the common ones
    /// only: a wrong guess in garbage would hand out junk packets.
    /// </summary>
    public static bool IsPlausible(uint type) => type switch
    {
        SectionHeader or InterfaceDescription or ObsoletePacket or SimplePacket or NameResolution
            or InterfaceStatistics or EnhancedPacket or SystemdJournalExport or DecryptionSecrets
            or Custom or CustomNoCopy => true,
        _ => false,
    };
}
