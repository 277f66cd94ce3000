using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// The live-transaction index (open addressing, removal by backward shift) against a dictionary doing the same
/// operations: with a few hundred keys in a table that starts at 64 positions, runs of neighbouring keys form and
/// break up, so every removal moves entries and every look-up crosses them.
/// </summary>
public class TransactionIndexTests
{
    [Fact]
    public void Finds_what_a_dictionary_finds_through_adds_replacements_and_removals()
    {
        var random = new Random(7);
        var index = new TransactionIndex();
        var model = new Dictionary<TransactionKey, Transaction>();
        var keys = Enumerable.Range(0, 300).Select(KeyOf).ToArray();
        for (int step = 0; step < 20_000; step++)
        {
            var key = keys[random.Next(keys.Length)];
            if (random.Next(3) == 0)
            {
                // Removal is by reference: the transaction under the key, or one the index never held.
                var held = model.GetValueOrDefault(key) ?? TransactionOf(key);
                Assert.Equal(model.Remove(key), index.Remove(held));
            }
            else
            {
                var t = TransactionOf(key);
                model.TryGetValue(key, out var replaced);
                Assert.Same(replaced, index.Set(t));
                model[key] = t;
            }
            Assert.Equal(model.Count, index.Count);
            var probe = keys[random.Next(keys.Length)];
            Assert.Same(model.GetValueOrDefault(probe), index.Find(probe));
        }
        foreach (var key in keys) Assert.Same(model.GetValueOrDefault(key), index.Find(key));
        Assert.True(model.Count > 50, "the table held many keys at the end");
    }

    [Fact]
    public void A_transaction_not_held_is_not_removed_in_place_of_the_one_under_its_key()
    {
        var index = new TransactionIndex();
        var key = KeyOf(1);
        var held = TransactionOf(key);
        index.Set(held);

        Assert.False(index.Remove(TransactionOf(key)));
        Assert.Same(held, index.Find(key));
        Assert.True(index.Remove(held));
        Assert.Null(index.Find(key));
        Assert.Equal(0, index.Count);
    }

    // Keys with the magic cookie (branch and method) and RFC 2543 ones (sent-by, Call-ID, From tag, CSeq) alike.
    private static TransactionKey KeyOf(int i) => i % 5 == 0
        ? new TransactionKey(i % 3, "INVITE", $"10.0.0.{i % 7}:5060", "", $"call-{i}", $"tag-{i}", i)
        : TransactionKey.ForBranch(i % 3, i % 2 == 0 ? "INVITE" : "REGISTER", $"z9hG4bK-{i}");

    private static Transaction TransactionOf(TransactionKey key) => new()
    {
        Key = key,
        Point = key.Capture,
        Method = key.Method,
        Branch = key.Branch,
        CallId = key.CallId,
    };
}
