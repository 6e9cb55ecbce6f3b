using NetToolbox.Contracts;

namespace NetToolbox.Core.Runs;

/// <summary>
/// The bounded, seq-ordered backlog of one run. Keeps at most <c>capacity</c> events: the oldest are
/// dropped (and counted) when it is full, and a keyed row replaces the earlier row with the same key,
/// so in-place updates never push other events out. Not thread-safe: <see cref="Run"/> locks around it.
/// </summary>
internal sealed class RunEventBuffer(int capacity)
{
    // Entries stay sorted by seq; a superseded row leaves a tombstone (null) until the next compaction.
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<(string? Table, string Key), long> _rowSeqByKey = [];
    private int _head;
    private int _live;

    /// <summary>Events dropped because the buffer was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Events currently held.</summary>
    public int Count => _live;

    public void Add(ToolEvent item)
    {
        if (item is RowEvent { Key: { } key } row)
        {
            var id = (row.Table, key);
            if (_rowSeqByKey.TryGetValue(id, out var previousSeq))
            {
                var index = IndexOfSeq(previousSeq);
                if (index >= 0 && _entries[index].Event is not null)
                {
                    _entries[index] = new Entry(previousSeq, null);
                    _live--;
                }
            }

            _rowSeqByKey[id] = item.Seq;
        }

        _entries.Add(new Entry(item.Seq, item));
        _live++;
        while (_live > capacity)
        {
            EvictOldest();
        }

        CompactIfSparse();
    }

    /// <summary>Copies up to <paramref name="max"/> events with seq greater than <paramref name="afterSeq"/> into <paramref name="into"/>.</summary>
    public void CopyAfter(long afterSeq, int max, List<ToolEvent> into)
    {
        for (var i = FirstIndexAfter(afterSeq); i < _entries.Count && into.Count < max; i++)
        {
            if (_entries[i].Event is { } item)
            {
                into.Add(item);
            }
        }
    }

    private void EvictOldest()
    {
        while (_head < _entries.Count)
        {
            var entry = _entries[_head++];
            if (entry.Event is null)
            {
                continue;
            }

            _live--;
            Dropped++;
            if (entry.Event is RowEvent { Key: { } key } row
                && _rowSeqByKey.TryGetValue((row.Table, key), out var seq) && seq == entry.Seq)
            {
                _rowSeqByKey.Remove((row.Table, key));
            }

            return;
        }
    }

    private void CompactIfSparse()
    {
        var dead = _entries.Count - _live;
        if (dead < Math.Max(1024, _live))
        {
            return;
        }

        _entries.RemoveRange(0, _head);
        _entries.RemoveAll(e => e.Event is null);
        _head = 0;
    }

    private int IndexOfSeq(long seq)
    {
        var index = FirstIndexAfter(seq - 1);
        return index < _entries.Count && _entries[index].Seq == seq ? index : -1;
    }

    /// <summary>Binary search for the first live-range index whose seq is greater than <paramref name="seq"/>.</summary>
    private int FirstIndexAfter(long seq)
    {
        int low = _head, high = _entries.Count;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (_entries[mid].Seq <= seq)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private readonly record struct Entry(long Seq, ToolEvent? Event);
}
