using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>How a <see cref="RelayPump.Turn"/> ended.</summary>
internal enum TurnEnd
{
    /// <summary>Nothing more to do until the next event: the source is drained or the destination is full.</summary>
    Idle,

    /// <summary>The turn was used up while bytes still flow: give others a turn, then continue.</summary>
    Busy,

    /// <summary>The source ended its stream and every byte has been written: pass the end of stream on.</summary>
    EndOfStream,

    SourceFailed,

    DestinationFailed,
}

/// <summary>
/// Moves the bytes of one direction for an <see cref="EpollLoop"/>, on the loop's thread. A message is copied
/// with recv/send through one buffer shared by every connection of the loop (only one direction runs at a time);
/// a direction whose reads fill that buffer switches to splice(2) through a pipe, so bulk data stays in the
/// kernel. Bytes the destination cannot take yet are kept in a pipe (a spill buffer if no pipe can be had) until
/// it is writable. Pipes are held only while bytes flow and pooled per loop.
/// </summary>
internal sealed unsafe class RelayPump : IDisposable
{
    private const int CopyBufferSize = 64 * 1024;

    // A splice that moves less than this ends bulk mode (the next read goes back to recv, which tells drained).
    private const int BulkThreshold = 16 * 1024;

    // Transfers per direction per turn; a busier direction yields to the rest of the batch and continues after it.
    private const int TurnLimit = 16;
    private const int MaxPooledPipes = 64;

    private readonly Stack<SplicePipe> _pipes = new();
    private byte* _buffer = (byte*)NativeMemory.Alloc(CopyBufferSize);
    private bool _disposed;

    /// <summary>
    /// Moves bytes from <paramref name="source"/> to <paramref name="destination"/> until the source is drained,
    /// the destination is full, the stream ends or the turn is used up. On a failure, <paramref name="errno"/> says why.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TurnEnd Turn(ref RelayDirection direction, int source, int destination, ByteCounter counter, out int errno)
    {
        errno = 0;
        for (var round = 0; round < TurnLimit; round++)
        {
            if (direction.HasPending)
            {
                var written = WritePending(ref direction, destination);
                if (written > 0)
                {
                    counter.Add(written);
                    continue;
                }

                if (written == 0)
                {
                    direction.WaitingWritable = true;
                    return TurnEnd.Idle;
                }

                errno = -written;
                return TurnEnd.DestinationFailed;
            }

            direction.WaitingWritable = false;
            if (direction.SourceEnded)
            {
                Release(ref direction);
                return TurnEnd.EndOfStream;
            }

            var outcome = direction.Bulk
                ? SpliceIn(ref direction, source, out errno)
                : CopyOnce(ref direction, source, destination, counter, out errno);
            switch (outcome)
            {
                case ReadOutcome.Moved:
                    continue;
                case ReadOutcome.EndOfStream:
                    direction.SourceEnded = true;
                    continue;
                case ReadOutcome.Drained:
                    Release(ref direction);
                    return TurnEnd.Idle;
                case ReadOutcome.SourceFailed:
                    return TurnEnd.SourceFailed;
                default:
                    return TurnEnd.DestinationFailed;
            }
        }

        return TurnEnd.Busy;
    }

    /// <summary>Frees what a direction of a closed connection holds (a pipe still holding bytes is closed, not pooled).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Drop(ref RelayDirection direction)
    {
        direction.Spill = null;
        direction.SpillCount = 0;
        if (direction.HasPipe && direction.PipeBytes > 0)
        {
            PipePool.Discard(direction.Pipe);
            direction.HasPipe = false;
            direction.PipeBytes = 0;
        }

        Release(ref direction);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_pipes.TryPop(out var pipe))
        {
            PipePool.Discard(pipe);
        }

        NativeMemory.Free(_buffer);
        _buffer = null;
    }

    /// <summary>What one read of a direction came to.</summary>
    private enum ReadOutcome
    {
        /// <summary>Bytes moved (some may be pending for the destination); read again.</summary>
        Moved,

        /// <summary>The source ended its stream.</summary>
        EndOfStream,

        /// <summary>The source has nothing more for now (EAGAIN, or a short read that proves it).</summary>
        Drained,

        SourceFailed,

        DestinationFailed,
    }

    /// <summary>recv into the loop's buffer and send it on; bytes the destination did not take are kept for later.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOutcome CopyOnce(ref RelayDirection direction, int source, int destination, ByteCounter counter, out int errno)
    {
        errno = 0;
        nint read;
        do
        {
            read = EpollInterop.Receive(source, _buffer, CopyBufferSize);
        }
        while (read < 0 && (errno = Marshal.GetLastPInvokeError()) == EpollInterop.EINTR);

        if (read <= 0)
        {
            return read == 0 ? ReadOutcome.EndOfStream : errno == EpollInterop.EAGAIN ? ReadOutcome.Drained : ReadOutcome.SourceFailed;
        }

        nint sent;
        do
        {
            sent = EpollInterop.Send(destination, _buffer, (int)read);
        }
        while (sent < 0 && (errno = Marshal.GetLastPInvokeError()) == EpollInterop.EINTR);

        if (sent < 0)
        {
            if (errno != EpollInterop.EAGAIN)
            {
                return ReadOutcome.DestinationFailed;
            }

            errno = 0;
            sent = 0;
        }

        if (sent > 0)
        {
            counter.Add((int)sent);
        }

        if (sent < read)
        {
            Keep(ref direction, _buffer + sent, (int)(read - sent));
        }

        if (read == CopyBufferSize && !direction.NoSplice)
        {
            direction.Bulk = true;
        }

        // A short read of a source that has not hung up means it is drained: its next bytes raise a new edge.
        return read < CopyBufferSize && !direction.SourceHungUp && !direction.HasPending ? ReadOutcome.Drained : ReadOutcome.Moved;
    }

    /// <summary>splice source → pipe; the next turn writes the pipe to the destination.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOutcome SpliceIn(ref RelayDirection direction, int source, out int errno)
    {
        errno = 0;
        if (!direction.HasPipe && !TryRentPipe(ref direction))
        {
            direction.Bulk = false; // no pipe to be had: the copy path still works
            return ReadOutcome.Moved;
        }

        var moved = SpliceInterop.SpliceRaw(source, direction.Pipe.WriteEnd, PipePool.PipeSize);
        if (moved > 0)
        {
            direction.PipeBytes = (int)moved;
            if (moved < BulkThreshold)
            {
                direction.Bulk = false;
            }

            return ReadOutcome.Moved;
        }

        if (moved == 0)
        {
            return ReadOutcome.EndOfStream;
        }

        errno = Marshal.GetLastPInvokeError();
        switch (errno)
        {
            case EpollInterop.EINTR:
                return ReadOutcome.Moved;
            case EpollInterop.EAGAIN:
                return ReadOutcome.Drained;
            case SpliceInterop.EINVAL or SpliceInterop.ENOSYS or SpliceInterop.EOPNOTSUPP:
                // This kernel or socket type cannot splice: copy through user space from now on.
                direction.NoSplice = true;
                direction.Bulk = false;
                return ReadOutcome.Moved;
            default:
                return ReadOutcome.SourceFailed;
        }
    }

    /// <summary>Writes what is pending; returns bytes written, 0 when the destination is full, or minus an errno.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WritePending(ref RelayDirection direction, int destination)
    {
        while (true)
        {
            long written;
            if (direction.PipeBytes > 0)
            {
                written = SpliceInterop.SpliceRaw(direction.Pipe.ReadEnd, destination, direction.PipeBytes);
                if (written > 0)
                {
                    direction.PipeBytes -= (int)written;
                    return (int)written;
                }
            }
            else
            {
                fixed (byte* spill = direction.Spill)
                {
                    written = EpollInterop.Send(destination, spill + direction.SpillOffset, direction.SpillCount);
                }

                if (written > 0)
                {
                    direction.SpillOffset += (int)written;
                    direction.SpillCount -= (int)written;
                    return (int)written;
                }
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == EpollInterop.EINTR)
            {
                continue;
            }

            return errno == EpollInterop.EAGAIN ? 0 : -errno;
        }
    }

    /// <summary>Keeps bytes the destination could not take: in a pipe if one can be had, else in a spill buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Keep(ref RelayDirection direction, byte* bytes, int count)
    {
        if ((direction.HasPipe || TryRentPipe(ref direction)) && direction.PipeBytes == 0)
        {
            // The pipe is empty and holds at least 64 KiB, so the write takes everything at once.
            var written = EpollInterop.WriteRaw(direction.Pipe.WriteEnd, bytes, count);
            if (written == count)
            {
                direction.PipeBytes = count;
                return;
            }

            // Unexpected (pipe smaller than asked for): drop this pipe and keep the bytes in memory instead.
            PipePool.Discard(direction.Pipe);
            direction.HasPipe = false;
            if (written > 0)
            {
                bytes += written;
                count -= (int)written;
            }
        }

        direction.Spill ??= new byte[CopyBufferSize];
        new ReadOnlySpan<byte>(bytes, count).CopyTo(direction.Spill);
        direction.SpillOffset = 0;
        direction.SpillCount = count;
    }

    private bool TryRentPipe(ref RelayDirection direction)
    {
        if (_pipes.TryPop(out var pipe) || PipePool.TryCreate(out pipe))
        {
            direction.Pipe = pipe;
            direction.HasPipe = true;
            return true;
        }

        return false;
    }

    /// <summary>Gives an empty pipe back to the pool while the direction waits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Release(ref RelayDirection direction)
    {
        if (!direction.HasPipe || direction.PipeBytes > 0)
        {
            return;
        }

        direction.HasPipe = false;
        if (_pipes.Count < MaxPooledPipes && !_disposed)
        {
            _pipes.Push(direction.Pipe);
        }
        else
        {
            PipePool.Discard(direction.Pipe);
        }
    }
}
