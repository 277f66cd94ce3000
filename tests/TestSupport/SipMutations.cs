namespace PcapSipAnalyzer.TestSupport;

/// <summary>
/// Deterministic random damage to real SIP messages for robustness tests: byte flips, truncations, inserted
/// CR/LF/commas/quotes/brackets, deleted and repeated ranges.
/// </summary>
public static class SipMutations
{
    private static readonly byte[] Inserts = "\r\n,\";<>:= \t[]@/\\"u8.ToArray();

    /// <summary>SIP messages (UDP payloads starting with a start line) of some fixtures, as seeds.</summary>
    public static List<byte[]> Seeds(params string[] fixtures)
    {
        var seeds = new List<byte[]>();
        foreach (var fixture in fixtures)
        {
            foreach (var packet in FixturePackets.Read(Fixtures.PathOf("public/" + fixture)))
            {
                if (packet.Payload.Length > 20 && (packet.Payload.AsSpan().IndexOf("SIP/2.0"u8) is >= 0 and < 300))
                    seeds.Add(packet.Payload);
            }
        }
        return seeds;
    }

    public static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        int rounds = random.Next(1, 5);
        for (int r = 0; r < rounds && bytes.Count > 0; r++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveRange(at, bytes.Count - at); break;
                case 2: bytes.Insert(at, Inserts[random.Next(Inserts.Length)]); break;
                case 3: bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at)); break;
                case 4:
                    int length = Math.Min(random.Next(1, 80), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 5: bytes[at] = random.Next(2) == 0 ? (byte)0 : (byte)0xFF; break;
                default: bytes.InsertRange(at, "\r\n\r\n"u8.ToArray()); break;
            }
        }
        return bytes.ToArray();
    }
}
