using System.Globalization;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>An IPv4 or IPv6 prefix (CIDR), stored masked so that equal prefixes compare equal.</summary>
public readonly record struct Subnet
{
    public Subnet(NetAddress address, int prefixLength)
    {
        int max = address.IsV6 ? 128 : 32;
        if (prefixLength < 0 || prefixLength > max) throw new ArgumentOutOfRangeException(nameof(prefixLength));
        PrefixLength = prefixLength;
        Network = Mask(address, prefixLength);
    }

    public NetAddress Network { get; }
    public int PrefixLength { get; }

    /// <summary>Seeded per process, like the hash of every address (subnets are learnt from packets too).</summary>
    public override int GetHashCode() => HashCode.Combine(Network, PrefixLength);

    public bool Contains(NetAddress address) =>
        address.IsV6 == Network.IsV6 && Mask(address, PrefixLength) == Network;

    /// <summary>Parses "192.168.1.0/24", "2001:db8::/64", or a bare address (a host prefix).</summary>
    public static Subnet Parse(string text)
    {
        if (!TryParse(text, out var subnet)) throw new FormatException($"not a CIDR prefix: '{text}'");
        return subnet;
    }

    public static bool TryParse(ReadOnlySpan<char> text, out Subnet subnet)
    {
        subnet = default;
        text = text.Trim();
        int slash = text.IndexOf('/');
        var addressText = slash >= 0 ? text[..slash] : text;
        if (!NetAddress.TryParse(addressText, out var address)) return false;
        int length = address.IsV6 ? 128 : 32;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out length)
                           || length > (address.IsV6 ? 128 : 32)))
            return false;
        subnet = new Subnet(address, length);
        return true;
    }

    /// <summary>Keeps the first <paramref name="prefixLength"/> bits of the address.</summary>
    public static NetAddress Mask(NetAddress address, int prefixLength)
    {
        if (!address.IsV6)
        {
            uint mask = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
            return NetAddress.FromV4(address.V4 & mask);
        }
        ulong high = address.High, low = address.Low;
        if (prefixLength <= 64)
        {
            high &= prefixLength == 0 ? 0UL : ulong.MaxValue << (64 - prefixLength);
            low = 0;
        }
        else
        {
            low &= ulong.MaxValue << (128 - prefixLength);
        }
        return new NetAddress(high, low, true);
    }

    /// <summary>How many leading bits two addresses of one family share.</summary>
    public static int CommonPrefixLength(NetAddress a, NetAddress b)
    {
        if (!a.IsV6) return System.Numerics.BitOperations.LeadingZeroCount(a.V4 ^ b.V4);
        ulong high = a.High ^ b.High;
        if (high != 0) return System.Numerics.BitOperations.LeadingZeroCount(high);
        return 64 + System.Numerics.BitOperations.LeadingZeroCount(a.Low ^ b.Low);
    }

    /// <summary>IPv6 link-local (fe80::/10): always on-link, never evidence of a subnet.</summary>
    public static bool IsLinkLocal(NetAddress address) =>
        address.IsV6 ? (address.High >> 54) == 0x3FA : (address.V4 >> 16) == 0xA9FE;

    public override string ToString() => $"{Network}/{PrefixLength}";
}
