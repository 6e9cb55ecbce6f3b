using System.Buffers;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// Copies one direction of a connection on Linux without copying the bytes through user space: splice(2) moves
/// them socket → pipe → socket inside the kernel. Driven by readiness: a zero-byte receive waits until the source
/// is readable (holding neither buffer nor pipe while idle), then the source is spliced until it runs dry. When
/// the destination cannot take more (EAGAIN), the bytes left in the pipe are sent with an ordinary awaited send,
/// which waits for the destination to drain. If the kernel refuses splice for these sockets, the direction falls
/// back to <see cref="SocketPump"/> before a byte has moved.
/// </summary>
internal static class SplicePump
{
    /// <summary>Relays bytes from <paramref name="source"/> to <paramref name="destination"/>, counting them on <paramref name="counter"/>.</summary>
    public static async ValueTask<PumpEnd> CopyAsync(Socket source, Socket destination, ByteCounter counter, PipePool pipes)
    {
        SplicePipe? pipe = null;
        var writing = false;
        var moved = false;
        try
        {
            while (true)
            {
                // Wait for data, end of stream or an error without holding a pipe; completes with 0 either way.
                await source.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                if (pipe is null)
                {
                    if (!pipes.TryRent(out var rented))
                    {
                        return await SocketPump.CopyAsync(source, destination, counter).ConfigureAwait(false);
                    }

                    pipe = rented;
                }

                var pipeEnds = pipe.Value;
                while (true)
                {
                    var read = SpliceInterop.SpliceFromSocket(source.SafeHandle, pipeEnds.WriteEnd, PipePool.PipeSize);
                    if (read > 0)
                    {
                        moved = true;
                        writing = true;
                        await DrainAsync(pipeEnds.ReadEnd, destination, (int)read).ConfigureAwait(false);
                        writing = false;
                        counter.Add((int)read);
                        continue;
                    }

                    if (read == 0)
                    {
                        return new PumpEnd(PumpEndKind.SourceClosed);
                    }

                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == SpliceInterop.EINTR)
                    {
                        continue;
                    }

                    if (errno == SpliceInterop.EAGAIN)
                    {
                        break;
                    }

                    if (!moved && errno is SpliceInterop.EINVAL or SpliceInterop.ENOSYS or SpliceInterop.EOPNOTSUPP)
                    {
                        // This kernel or socket type cannot splice: copy through user space instead.
                        pipes.Return(pipeEnds);
                        pipe = null;
                        return await SocketPump.CopyAsync(source, destination, counter).ConfigureAwait(false);
                    }

                    return Failed(source, errno, PumpEndKind.SourceFailed);
                }

                // The source ran dry and the pipe is empty: give it back while the connection waits.
                pipes.Return(pipeEnds);
                pipe = null;
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode != SocketError.OperationAborted)
        {
            return new PumpEnd(writing ? PumpEndKind.DestinationFailed : PumpEndKind.SourceFailed, ex.SocketErrorCode);
        }
        catch (SocketException)
        {
            return new PumpEnd(PumpEndKind.Aborted, SocketError.OperationAborted);
        }
        catch (ObjectDisposedException)
        {
            return new PumpEnd(PumpEndKind.Aborted, SocketError.OperationAborted);
        }
        catch (SpliceFailedException ex)
        {
            return Failed(destination, ex.Errno, PumpEndKind.DestinationFailed);
        }
        finally
        {
            if (pipe is { } left)
            {
                // Ended mid-transfer or by an error: the pipe may hold bytes, so it is not reused.
                PipePool.Discard(left);
            }
        }
    }

    /// <summary>Moves <paramref name="count"/> bytes from the pipe to <paramref name="destination"/>.</summary>
    private static async ValueTask DrainAsync(int pipeRead, Socket destination, int count)
    {
        while (count > 0)
        {
            var sent = SpliceInterop.SpliceToSocket(pipeRead, destination.SafeHandle, count);
            if (sent > 0)
            {
                count -= (int)sent;
                continue;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == SpliceInterop.EINTR)
            {
                continue;
            }

            if (errno != SpliceInterop.EAGAIN)
            {
                throw new SpliceFailedException(errno);
            }

            // The destination is full: send one chunk the ordinary way, which waits until it can take it.
            count -= await SendChunkAsync(pipeRead, destination, count).ConfigureAwait(false);
        }
    }

    private static async ValueTask<int> SendChunkAsync(int pipeRead, Socket destination, int count)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(count, SocketPump.BufferSize));
        try
        {
            var read = (int)SpliceInterop.ReadPipe(pipeRead, buffer.AsSpan(0, Math.Min(count, buffer.Length)));
            if (read <= 0)
            {
                throw new SpliceFailedException(read == 0 ? SpliceInterop.EINVAL : Marshal.GetLastPInvokeError());
            }

            var pending = buffer.AsMemory(0, read);
            while (!pending.IsEmpty)
            {
                var sent = await destination.SendAsync(pending, SocketFlags.None).ConfigureAwait(false);
                pending = pending[sent..];
            }

            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static PumpEnd Failed(Socket socket, int errno, PumpEndKind kind)
    {
        // A descriptor closed under us (EBADF) or a socket already disposed means the connection was aborted.
        if (errno == Errno.EBADF || socket.SafeHandle.IsClosed)
        {
            return new PumpEnd(PumpEndKind.Aborted, SocketError.OperationAborted);
        }

        return new PumpEnd(kind, Errno.ToSocketError(errno));
    }

    /// <summary>Carries a pipe → socket errno out of <see cref="DrainAsync"/>.</summary>
    private sealed class SpliceFailedException(int errno) : Exception
    {
        public int Errno { get; } = errno;
    }
}
