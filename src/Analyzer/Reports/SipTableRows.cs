using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Reports.Tables;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>Rows of the SIP and RTP tables, built from the analysis result.</summary>
internal static class SipTableRows
{
    public static IEnumerable<TransactionRow> Transactions(AnalysisResult result)
    {
        var paths = result.Paths.ToDictionary(p => p.Transaction);
        var scans = ScanMemberships.Of(result);
        long id = 0;
        foreach (var merged in MergedTransaction.All(result))
        {
            var t = merged.Lead;
            var path = paths.GetValueOrDefault(t);
            yield return new TransactionRow
            {
                TransactionId = ++id,
                Point = merged.LeadPoint,
                IdAtPoint = t.Id,
                CaptureFile = ReportTables.FileOf(result, t.FirstFrame),
                FrameNumber = t.FirstFrame.Frame,
                FirstTs = new CaptureTime(t.RequestSeen ? t.FirstRequestNs : t.FirstResponseNs ?? 0),
                Method = t.Method,
                CallId = t.CallId,
                Cseq = t.CSeq,
                Branch = t.Branch,
                Transport = Transports.WireName(t.Transport),
                Client = merged.Client,
                Server = merged.Server,
                Requests = t.RequestCount,
                Retransmissions = t.Retransmissions,
                Responses = string.Join(";", t.Responses.Select(g => $"{g.Status}x{g.Count}")),
                FinalStatus = t.FinalStatus,
                ResponseTimeMs = t.ResponseTimeMs is double ms ? Math.Round(ms, 3) : null,
                Outcome = TransactionOutcomes.WireName(t.Outcome),
                Authenticated = t.Credentials is not null,
                RequestMac = path?.RequestHop?.Mac.ToString(),
                ResponseMac = path?.ResponseHop?.Mac.ToString(),
                Symmetric = path is null ? null : path.Symmetric && !path.AgainstTopology,
                Delivery = path is null ? null : ResponseDeliveries.WireName(path.Delivery),
                Delivered = merged.Delivery.Delivered,
                DeliveredAt = merged.Delivery.Point,
                PointCount = merged.Points.Count,
                Points = PointList.Text(merged.Points, PointList.TablePoints, "; "),
                ByScanner = scans.Covers(t.Point, t),
            };
        }
    }

    public static IEnumerable<RegistrationRow> Registrations(AnalysisResult result)
    {
        var scans = ScanMemberships.Of(result);
        return MergedRegistration.All(result).Select((merged, i) =>
        {
            var r = merged.Lead;
            return new RegistrationRow
            {
                RegistrationId = i + 1,
                Point = merged.LeadPoint,
                IdAtPoint = r.Id,
                CaptureFile = r.Steps.Count > 0 ? ReportTables.FileOf(result, r.Steps[0].FirstFrame) : "",
                FrameNumber = r.Steps.Count > 0 ? r.Steps[0].FirstFrame.Frame : 0,
                StartTs = new CaptureTime(r.StartNs),
                Aor = r.Aor,
                Contact = r.Contact,
                Client = merged.Client,
                Server = merged.Server,
                Transport = Transports.WireName(r.Transport),
                CallId = r.CallId,
                Cseq = r.Steps.Count > 0 ? r.Steps[^1].CSeq : null,
                Outcome = RegistrationOutcomes.WireName(merged.Outcome),
                FinalStatus = merged.FinalStatus,
                Delivered = merged.Delivery.Delivered,
                DeliveryEvidence = merged.Delivery.Evidence,
                Username = r.Username,
                Expires = r.GrantedExpires,
                Transactions = r.TransactionIds.Count + r.TransactionsNotKept,
                DeliveredAt = merged.Delivery.Point,
                PointCount = merged.Points.Count,
                Points = PointList.Text(merged.Points, PointList.TablePoints, "; "),
                ByScanner = scans.Covers(r.Point, r),
            };
        });
    }

    public static IEnumerable<DialogRow> Dialogs(AnalysisResult result)
    {
        var scans = ScanMemberships.Of(result);
        return MergedDialog.All(result).Select((merged, i) =>
        {
            var d = merged.Lead;
            return new DialogRow
            {
                DialogId = i + 1,
                Point = merged.LeadPoint,
                IdAtPoint = d.Id,
                CaptureFile = ReportTables.FileOf(result, d.InviteFrame),
                FrameNumber = d.InviteFrame.Frame,
                InviteTs = new CaptureTime(d.InviteNs),
                CallId = d.CallId,
                Caller = merged.Caller,
                Callee = merged.Callee,
                CallerUri = d.CallerUri,
                CalleeUri = d.CalleeUri,
                Transport = Transports.WireName(d.Transport),
                State = d.State,
                Outcome = DialogOutcomes.WireName(d.Outcome),
                FinalStatus = d.FinalStatus,
                SetupTimeMs = d.SetupTimeMs is double s ? Math.Round(s, 3) : null,
                DurationMs = d.DurationMs is double du ? Math.Round(du, 3) : null,
                HungUpBy = d.HungUpBy,
                PointCount = merged.Points.Count,
                Points = PointList.Text(merged.Points, PointList.TablePoints, "; "),
                ByScanner = scans.Covers(d.Point, d.InitialInvite),
            };
        });
    }

    public static IEnumerable<RtpStreamRow> RtpStreams(AnalysisResult result)
    {
        var points = new PointNames(result);
        return result.RtpStreams.Select(s => Row(result, points, s));
    }

    private static RtpStreamRow Row(AnalysisResult result, PointNames points, Rtp.RtpStream s) => new()
    {
        Point = points.Of(s.Key.Capture, s.Key.InterfaceId),
        CaptureFile = ReportTables.FileOf(result, s.FirstFrame),
        Interface = s.Key.InterfaceId,
        FrameNumber = s.FirstFrame.Frame,
        SrcIp = s.Source.ToString(),
        SrcPort = s.SourcePort,
        DstIp = s.Destination.ToString(),
        DstPort = s.DestinationPort,
        Ssrc = s.Ssrc,
        PayloadType = s.FirstPayloadType,
        Codec = s.PayloadNames,
        Packets = s.Statistics.Packets,
        Expected = s.Statistics.Expected,
        Lost = s.Statistics.Lost,
        LostPercent = Math.Round(s.Statistics.LostPercent, 3),
        SequenceErrors = s.Statistics.SequenceErrors,
        MaxDeltaMs = Math.Round(s.Statistics.MaxDelta, 3),
        MeanJitterMs = Math.Round(s.Statistics.MeanJitter, 3),
        MaxJitterMs = Math.Round(s.Statistics.MaxJitter, 3),
        RFactor = Rtp.StreamQuality.Of(s) is { } q ? Math.Round(q.R, 1) : null,
        Mos = Rtp.StreamQuality.Of(s) is { } m ? Math.Round(m.Mos, 2) : null,
        RtcpRoundTripMs = s.RoundTripMs is { } rtt ? Math.Round(rtt, 3) : null,
        StartTs = new CaptureTime(s.StartNs),
        EndTs = new CaptureTime(s.EndNs),
        CallId = s.CallId,
    };
}
