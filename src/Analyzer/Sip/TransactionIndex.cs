using PcapSipAnalyzer.Analyzer.Reassembly;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// Live transactions by key: open addressing, probed linearly, over two parallel arrays — the keys' hashes, and the
/// transactions, which hold their own keys. A new key (every request of a flood) is told missing from the hashes
/// alone, 4 bytes a position, where a dictionary read its bucket and then an entry holding the 56-byte key; and
/// taking a transaction out finds it by its hash and reference, no key compared.
/// </summary>
internal sealed class TransactionIndex
{
    // At most three quarters full: the hashes of the ten thousand live transactions of a flood then take 64 KiB,
    // which stays in the second-level cache between one request and the next.
    private int[] _hashes = new int[64];
    private Transaction?[] _transactions = new Transaction?[64];
    private int _count;

    public int Count => _count;

    public Transaction? Find(in TransactionKey key)
    {
        int hash = Stored(key.GetHashCode());
        var hashes = _hashes;
        int mask = hashes.Length - 1;
        for (int at = hash & mask; hashes[at] != 0; at = (at + 1) & mask)
            if (hashes[at] == hash && _transactions[at] is { } t && t.Key.Equals(key)) return t;
        return null;
    }

    /// <summary>Puts <paramref name="transaction"/> under its key; returns the one it replaced there, or null.</summary>
    public Transaction? Set(Transaction transaction)
    {
        int hash = Stored(transaction.KeyHash);
        var hashes = _hashes;
        int mask = hashes.Length - 1;
        int at = hash & mask;
        for (; hashes[at] != 0; at = (at + 1) & mask)
        {
            // The keys are made only for a hash that matches: a new transaction's key is then never made here.
            if (hashes[at] != hash || _transactions[at] is not { } t || !t.Key.Equals(transaction.Key)) continue;
            _transactions[at] = transaction;
            return t;
        }
        if ((_count + 1) * 4 > hashes.Length * 3)
        {
            Grow();
            Insert(_hashes, _transactions, hash, transaction);
        }
        else
        {
            hashes[at] = hash;
            _transactions[at] = transaction;
        }
        _count++;
        return null;
    }

    /// <summary>Takes <paramref name="transaction"/> out; false when the index does not hold it.</summary>
    public bool Remove(Transaction transaction)
    {
        int hash = Stored(transaction.KeyHash);
        var hashes = _hashes;
        var transactions = _transactions;
        int mask = hashes.Length - 1;
        int hole = hash & mask;
        while (true)
        {
            if (hashes[hole] == 0) return false;
            if (hashes[hole] == hash && ReferenceEquals(transactions[hole], transaction)) break;
            hole = (hole + 1) & mask;
        }
        for (int next = (hole + 1) & mask; hashes[next] != 0; next = (next + 1) & mask)
        {
            if (LinearProbing.StaysPut(hole, next, hashes[next] & mask)) continue;
            hashes[hole] = hashes[next];
            transactions[hole] = transactions[next];
            hole = next;
        }
        hashes[hole] = 0;
        transactions[hole] = null;
        _count--;
        return true;
    }

    // 0 marks an empty position: a key hashing to 0 is held as 1 (compared as 1 too, so it is found).
    private static int Stored(int hash) => hash == 0 ? 1 : hash;

    private static void Insert(int[] hashes, Transaction?[] transactions, int hash, Transaction transaction)
    {
        int mask = hashes.Length - 1;
        int at = hash & mask;
        while (hashes[at] != 0) at = (at + 1) & mask;
        hashes[at] = hash;
        transactions[at] = transaction;
    }

    private void Grow()
    {
        int size = _hashes.Length * 2;
        var hashes = WrittenArray.New<int>(size);
        var transactions = WrittenArray.New<Transaction?>(size);
        for (int i = 0; i < _hashes.Length; i++)
            if (_hashes[i] != 0) Insert(hashes, transactions, _hashes[i], _transactions[i]!);
        _hashes = hashes;
        _transactions = transactions;
    }
}
