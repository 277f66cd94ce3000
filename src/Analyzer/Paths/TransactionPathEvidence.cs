namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// What the transaction that tells a path finding's story showed: the next hop each way (and the one the topology
/// file expects), VLANs and TTLs, which side of the server the capture sat on and whether the response arrived.
/// </summary>
public sealed record TransactionPathEvidence(
    NextHop? RequestHop,
    NextHop? ResponseHop,
    NextHop? ExpectedHop,
    ushort RequestVlan,
    ushort ResponseVlan,
    byte RequestTtl,
    byte ResponseTtl,
    PathSide Side,
    ResponseDelivery Delivery,
    string DeliveryEvidence,
    int RetransmissionsAfterResponse)
{
    /// <summary>The evidence of <paramref name="key"/>, with the retransmissions after the response of every path counted.</summary>
    public static TransactionPathEvidence Of(TransactionPath key, IEnumerable<TransactionPath> all) => new(
        key.RequestHop, key.ResponseHop, key.ExpectedHop, key.RequestVlan, key.ResponseVlan, key.RequestTtl, key.ResponseTtl,
        key.Side, key.Delivery, key.DeliveryEvidence, all.Sum(p => p.RetransmissionsAfterResponse));
}
