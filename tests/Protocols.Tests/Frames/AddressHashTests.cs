using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Protocols.Tests.Frames;

/// <summary>
/// Addresses key the tables of every engine, and they come from packets: their hash must not let crafted
/// values collide. The generated hash folded each half of an IPv6 address to low ^ high word, so every address
/// whose words repeat (…:x:x) had the same hash.
/// </summary>
public class AddressHashTests
{
    private const int Count = 10_000;
    private const int Buckets = 10_007;

    [Fact]
    public void Ipv6AddressesWithRepeatedWordsSpreadOverTheBuckets()
    {
        var buckets = new HashSet<int>();
        for (uint x = 1; x <= Count; x++)
        {
            var address = new NetAddress(0x2001_0db8_0000_0000UL, ((ulong)x << 32) | x, true);
            buckets.Add((int)((uint)address.GetHashCode() % Buckets));
        }
        // Random placement fills about 63 % of the buckets with as many keys; a collision family fills one.
        Assert.True(buckets.Count > Count / 2, $"{Count} crafted addresses landed in {buckets.Count} buckets");
    }

    [Fact]
    public void MacAddressesThatDifferOnlyInTheirHighBytesSpread()
    {
        var hashes = new HashSet<int>();
        for (ulong x = 1; x <= Count; x++)
            hashes.Add(new MacAddress((x << 32) | x).GetHashCode());
        Assert.True(hashes.Count > Count - 10, $"{hashes.Count} distinct hashes for {Count} MACs");
    }

    [Fact]
    public void EqualAddressesHashEqually()
    {
        Assert.Equal(NetAddress.Parse("2001:db8::1").GetHashCode(), NetAddress.Parse("2001:db8::1").GetHashCode());
        Assert.NotEqual(NetAddress.FromV4(1).GetHashCode(), new NetAddress(0, 1, true).GetHashCode());
    }
}
