using PcapSipAnalyzer.Synthesizer.Truth;
namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    private const int ContactsPerRegister = 2000;

    /// <summary>
    /// --count REGISTERs (each its own Call-ID) binding 2 000 Contacts each, answered by a 200 that lists them
    /// all: Contacts that a registration would keep per message and per binding.
    /// </summary>
    private FloodTruth RegisterContacts()
    {
        long count = _options.FloodCount;
        for (long i = 0; i < count; i++)
        {
            var phone = Source(72, i);
            for (int response = 0; response < 2; response++)
            {
                var t = _text.Clear();
                t.Append(response == 0 ? "REGISTER sip:10.10.0.10 SIP/2.0" : "SIP/2.0 200 OK").Crlf();
                t.Append("Via: SIP/2.0/UDP ").Append(phone.Address).Append(":5060;branch=z9hG4bKmc").AppendHex((ulong)i, 10).Crlf();
                t.Append("From: <sip:").Append(3000 + i).Append("@10.10.0.10>;tag=").AppendHex((ulong)i, 8).Crlf();
                t.Append("To: <sip:").Append(3000 + i).Append("@10.10.0.10>").Append(response == 0 ? "" : ";tag=srv").Crlf();
                t.Append("Call-ID: contacts-").AppendHex((ulong)i, 8).Append("@").Append(phone.Address).Crlf();
                t.Line("CSeq: 1 REGISTER");
                t.Append("m: ");
                for (int c = 0; c < ContactsPerRegister; c++)
                {
                    if (c > 0) t.Append(",");
                    t.Append("<sip:").Append(c).Append("@10.72.9.9>");
                }
                t.Crlf();
                SendRegisterExchange(phone, response == 0 ? 0 : 200);
            }
            _now += 10_000;
        }
        return new FloodTruth { Kind = "register-contacts", Distinct = count, Description = $"REGISTERs with {ContactsPerRegister} Contacts each, answered 200 with all of them" };
    }
}
