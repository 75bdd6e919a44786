using System;
using System.IO;
using Litmind.PowerShell.Errors;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// Where -OutFile saves a body: a temporary file beside the target, opened before anything is
    /// sent (so an unwritable path fails first) and moved over the target only when the whole body
    /// has arrived; a failed call leaves an existing file as it was and no partial file behind.
    /// </summary>
    internal sealed class OutputFile : IDisposable
    {
        private readonly string partPath;
        private bool committed;

        private OutputFile(string path, string partPath, FileStream stream)
        {
            Path = path;
            this.partPath = partPath;
            Stream = stream;
        }

        /// <summary>The file the body goes to once complete.</summary>
        public string Path { get; }

        /// <summary>What the body is written to as it arrives.</summary>
        public Stream Stream { get; }

        /// <summary>Opens the temporary file for <paramref name="path"/> (a full file-system path), or says why it cannot be written.</summary>
        public static OutputFile Open(string path)
        {
            if (Directory.Exists(path))
            {
                throw Failures.OutFileNotWritable(path, Messages.OutFileIsFolder);
            }

            string folder = System.IO.Path.GetDirectoryName(path);
            string partPath = System.IO.Path.Combine(folder ?? string.Empty, "." + System.IO.Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".part");
            try
            {
                var stream = new FileStream(partPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
                return new OutputFile(path, partPath, stream);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                throw Failures.OutFileNotWritable(path, ex.Message);
            }
        }

        /// <summary>Puts the complete body in place of the target, replacing a file already there.</summary>
        public void Commit()
        {
            Stream.Dispose();
            try
            {
                if (File.Exists(Path))
                {
                    File.Replace(partPath, Path, null);
                }
                else
                {
                    File.Move(partPath, Path);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw Failures.OutFileNotWritable(Path, ex.Message);
            }

            committed = true;
        }

        /// <summary>Removes the temporary file unless the body was committed.</summary>
        public void Dispose()
        {
            Stream.Dispose();
            if (!committed)
            {
                try
                {
                    File.Delete(partPath);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    // Nothing more to do: the partial file keeps its hidden name, never the target's.
                }
            }
        }
    }
}
