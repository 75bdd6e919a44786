using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Litmind.PowerShell.Errors;

namespace Litmind.PowerShell.Http
{
    /// <summary>One field of a multipart/form-data body: text, or a file sent as its bytes under its name.</summary>
    internal sealed class FormPart
    {
        private FormPart(string name, string text, string filePath, string fileName)
        {
            Name = name;
            Text = text;
            FilePath = filePath;
            FileName = fileName;
        }

        /// <summary>The field's name.</summary>
        public string Name { get; }

        /// <summary>The text of a text field; null for a file.</summary>
        public string Text { get; }

        /// <summary>The full path of a file field; null for text.</summary>
        public string FilePath { get; }

        /// <summary>The name the file goes under (its name without the folder); null for text.</summary>
        public string FileName { get; }

        public static FormPart OfText(string name, string text) => new FormPart(name, text ?? string.Empty, null, null);

        public static FormPart OfFile(string name, string path, string fileName) => new FormPart(name, null, path, fileName);
    }

    /// <summary>
    /// A multipart/form-data body (-Form), as Invoke-RestMethod -Form and browsers send it: a text
    /// part (text/plain, UTF-8) per value, a file part (application/octet-stream, with its file
    /// name) per file, names in quotes. Made anew for every attempt, files opened again and read as
    /// they are sent, never whole.
    /// </summary>
    internal static class MultipartBody
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        /// <summary>The body; its files are checked now, so one that cannot be read fails before anything is sent.</summary>
        public static RequestBody Create(IReadOnlyList<FormPart> parts)
        {
            foreach (var part in parts)
            {
                Quoted(part.Name);
                if (part.FilePath != null)
                {
                    Quoted(part.FileName);
                    StreamedBody.CheckReadable(part.FilePath, "-Form file");
                }
            }

            // The multipart content brings its own Content-Type, with the boundary.
            return RequestBody.Of(() => Build(parts), null);
        }

        private static HttpContent Build(IReadOnlyList<FormPart> parts)
        {
            string boundary = "litmind-" + Guid.NewGuid().ToString("N");
            var form = new MultipartFormDataContent(boundary);
            try
            {
                // Unquoted, as browsers and curl write it: .NET quotes it, and some servers then
                // look for the quotes as part of the boundary.
                form.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=" + boundary);
                foreach (var part in parts)
                {
                    HttpContent content;
                    var disposition = new ContentDispositionHeaderValue("form-data") { Name = Quoted(part.Name) };
                    if (part.FilePath == null)
                    {
                        content = new StringContent(part.Text, Utf8);
                    }
                    else
                    {
                        content = new StreamContent(StreamedBody.OpenFile(part.FilePath, "-Form file"), StreamedBody.BufferSize);
                        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                        disposition.FileName = Quoted(part.FileName);
                    }

                    content.Headers.ContentDisposition = disposition;
                    form.Add(content);
                }

                return form;
            }
            catch
            {
                form.Dispose();
                throw;
            }
        }

        /// <summary>
        /// A field or file name in quotes, as browsers and curl send it (.NET would leave a plain
        /// one bare): '"', CR and LF percent-encoded as the HTML standard says, so a name cannot
        /// end its header line; any other control character is refused. Non-ASCII goes MIME-encoded.
        /// </summary>
        private static string Quoted(string name)
        {
            string escaped = (name ?? string.Empty).Replace("\"", "%22").Replace("\r", "%0D").Replace("\n", "%0A");
            if (!HeaderRules.IsSafeValue(escaped))
            {
                throw Failures.InvalidArgument(Messages.FormNameUnsafe);
            }

            return "\"" + escaped + "\"";
        }
    }
}
