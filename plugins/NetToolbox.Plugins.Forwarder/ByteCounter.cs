namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// Bytes relayed in one direction of one connection. The pump adds after each chunk; the stats publisher
/// samples it once per interval. Per connection rather than shared, so busy connections on different cores
/// never contend for one cache line.
/// </summary>
internal sealed class ByteCounter
{
    private long _bytes;

    /// <summary>Bytes so far.</summary>
    public long Value => Volatile.Read(ref _bytes);

    /// <summary>Adds <paramref name="bytes"/> relayed bytes. One writer only (the direction's pump), so no locked add.</summary>
    public void Add(int bytes) => Volatile.Write(ref _bytes, _bytes + bytes);
}
