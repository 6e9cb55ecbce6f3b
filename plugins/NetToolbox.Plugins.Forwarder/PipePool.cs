using System.Collections.Concurrent;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>An empty pipe (both ends) for <see cref="SplicePump"/>.</summary>
internal readonly record struct SplicePipe(int ReadEnd, int WriteEnd);

/// <summary>
/// Empty pipes for splice, shared by one session's connections. A direction holds a pipe only while bytes flow
/// and gives it back when the source runs dry, so idle connections hold none; at most <see cref="MaxPooled"/>
/// are kept, the rest are closed. Disposing closes the pooled pipes (pipes in use are closed by their pumps).
/// </summary>
internal sealed class PipePool : IDisposable
{
    /// <summary>Bytes a pipe holds: one splice moves up to this much.</summary>
    public const int PipeSize = 256 * 1024;

    private const int MaxPooled = 64;
    private readonly ConcurrentBag<SplicePipe> _pipes = [];
    private volatile bool _disposed;

    /// <summary>A pooled or new pipe; false when none can be created (e.g. out of descriptors).</summary>
    public bool TryRent(out SplicePipe pipe)
    {
        if (_pipes.TryTake(out pipe))
        {
            return true;
        }

        return TryCreate(out pipe);
    }

    /// <summary>A new empty pipe of <see cref="PipeSize"/> bytes; false when none can be created.</summary>
    public static bool TryCreate(out SplicePipe pipe)
    {
        if (SpliceInterop.TryCreatePipe(PipeSize, out var readEnd, out var writeEnd))
        {
            pipe = new SplicePipe(readEnd, writeEnd);
            return true;
        }

        pipe = default;
        return false;
    }

    /// <summary>Gives back an EMPTY pipe; closes it when the pool is full or disposed.</summary>
    public void Return(SplicePipe pipe)
    {
        if (!_disposed && _pipes.Count < MaxPooled)
        {
            _pipes.Add(pipe);
            if (!_disposed)
            {
                return;
            }

            if (!_pipes.TryTake(out pipe))
            {
                return;
            }
        }

        SpliceInterop.ClosePipe(pipe.ReadEnd, pipe.WriteEnd);
    }

    /// <summary>Closes a pipe that may still hold bytes (its connection failed).</summary>
    public static void Discard(SplicePipe pipe) => SpliceInterop.ClosePipe(pipe.ReadEnd, pipe.WriteEnd);

    public void Dispose()
    {
        _disposed = true;
        while (_pipes.TryTake(out var pipe))
        {
            SpliceInterop.ClosePipe(pipe.ReadEnd, pipe.WriteEnd);
        }
    }
}
