using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using Litmind.PowerShell.Errors;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// Bodies read as they are sent, a buffer at a time, never held in memory whole: a stream the
    /// user gives and a file. Each attempt (a retry after 429 or 503, a replay after a new login)
    /// needs the body from its start again.
    /// </summary>
    internal static class StreamedBody
    {
        /// <summary>The copy buffer between the body and the connection.</summary>
        internal const int BufferSize = 81920;

        /// <summary>
        /// A stream's bytes from where it stands now. A stream that can seek is put back there for
        /// every attempt; one that cannot (a pipe, a network or compression stream) can be sent
        /// once, so an attempt that would need it again fails clearly rather than send it empty.
        /// The stream stays the caller's: it is never closed here.
        /// </summary>
        /// <param name="stream">The stream.</param>
        /// <param name="contentType">The Content-Type header as it is sent.</param>
        public static RequestBody FromStream(Stream stream, string contentType)
        {
            if (!stream.CanRead)
            {
                throw Failures.InvalidArgument(Messages.BodyStreamNotReadable);
            }

            if (stream.CanSeek)
            {
                long start = stream.Position;
                return RequestBody.Of(
                    () =>
                    {
                        stream.Position = start;
                        return new StreamContent(new CallerOwnedStream(stream), BufferSize);
                    },
                    contentType);
            }

            int attempts = 0;
            return RequestBody.Of(
                () => Interlocked.Increment(ref attempts) == 1
                    ? new StreamContent(new CallerOwnedStream(stream), BufferSize)
                    : throw Failures.BodyNotReplayable(),
                contentType);
        }

        /// <summary>
        /// A file's bytes, opened anew for every attempt (so each sends it whole) and read as it is
        /// sent. Checked now, so a missing or unreadable file fails before anything is sent.
        /// </summary>
        /// <param name="path">The file's full path.</param>
        /// <param name="contentType">The Content-Type header as it is sent.</param>
        /// <param name="parameter">Where the file was named, for messages ("-InFile").</param>
        public static RequestBody FromFile(string path, string contentType, string parameter)
        {
            CheckReadable(path, parameter);
            return RequestBody.Of(() => new StreamContent(OpenFile(path, parameter), BufferSize), contentType);
        }

        /// <summary>Refuses a path that is no file this process can read: missing, a folder, no permission.</summary>
        public static void CheckReadable(string path, string parameter) => OpenFile(path, parameter).Dispose();

        /// <summary>Opens a file to send, or fails with a message that says why it cannot be read.</summary>
        public static FileStream OpenFile(string path, string parameter)
        {
            if (Directory.Exists(path))
            {
                throw Failures.InFileNotReadable(parameter, path, Messages.InFileIsFolder);
            }

            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
            }
            catch (FileNotFoundException)
            {
                throw Failures.InFileNotReadable(parameter, path, Messages.InFileMissing);
            }
            catch (DirectoryNotFoundException)
            {
                throw Failures.InFileNotReadable(parameter, path, Messages.InFileMissing);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                throw Failures.InFileNotReadable(parameter, path, ex.Message);
            }
        }
    }
}
