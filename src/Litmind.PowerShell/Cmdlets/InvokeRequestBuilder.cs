using System;
using System.Linq;
using System.Net.Http;
using Litmind.PowerShell.Conversion;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Cmdlets
{
    /// <summary>
    /// Turns Invoke-LitmindRequest's parameters into the call they describe: its query, headers and
    /// body, and how its answer is read. Whatever cannot be sent (two bodies, a body on a GET, a
    /// listing the service cannot page) is refused here, before anything is.
    /// </summary>
    internal sealed class InvokeRequestBuilder
    {
        private readonly InvokeLitmindRequestCommand cmdlet;
        private readonly LitmindSession session;
        private readonly Func<string, Func<string, LitmindException>, string> fileSystemPath;

        /// <param name="cmdlet">The invocation whose parameters describe the call.</param>
        /// <param name="session">The session the call goes through.</param>
        /// <param name="fileSystemPath">Resolves a path against the current PowerShell location (-InFile).</param>
        public InvokeRequestBuilder(InvokeLitmindRequestCommand cmdlet, LitmindSession session, Func<string, Func<string, LitmindException>, string> fileSystemPath)
        {
            this.cmdlet = cmdlet;
            this.session = session;
            this.fileSystemPath = fileSystemPath;
        }

        /// <summary>The call, for <paramref name="method"/>; <paramref name="lists"/> when it walks a list page by page (-All, -First, -Skip).</summary>
        public ApiRequest Build(string method, bool lists)
        {
            if (cmdlet.ExpandProperty != null && (cmdlet.Raw.IsPresent || cmdlet.OutFile != null))
            {
                throw Failures.InvalidArgument(Messages.ExpandPropertyWithRawOrOutFile);
            }

            if (cmdlet.AsHashtable.IsPresent && (cmdlet.Raw.IsPresent || cmdlet.OutFile != null))
            {
                throw Failures.InvalidArgument(Messages.AsHashtableWithRawOrOutFile);
            }

            if (lists)
            {
                CheckListing(method);
            }

            // Machine-made tokens are masked in the answer's strings as they are converted.
            var request = new ApiRequest(new HttpMethod(method), cmdlet.Path)
            {
                Domain = cmdlet.Domain,
                Shape = cmdlet.Raw.IsPresent ? AnswerShape.Text : AnswerShape.Objects,
                ExpandProperty = cmdlet.ExpandProperty,
                MaskAnswerText = cmdlet.Mask.AnswerMasker(),
                AsHashtable = cmdlet.AsHashtable.IsPresent,
                SkipHttpErrorCheck = cmdlet.SkipHttpErrorCheck.IsPresent,
            };
            foreach (var pair in RequestBodyFactory.FormFields(cmdlet.Query, "-Query"))
            {
                request.Query.Add(pair);
            }

            var contentType = RequestBodyFactory.ContentTypeOf(cmdlet.ContentType);
            int bodies = (cmdlet.Body != null ? 1 : 0) + (cmdlet.InFile != null ? 1 : 0) + (cmdlet.Form != null ? 1 : 0);
            if (bodies > 1)
            {
                throw Failures.InvalidArgument(Messages.OneBodyOnly);
            }

            bool hasBody = bodies == 1;
            if (contentType != null && !hasBody)
            {
                throw Failures.InvalidArgument(Messages.ContentTypeWithoutBody);
            }

            foreach (var pair in RequestBodyFactory.FormFields(cmdlet.Headers, "-Headers", leaveOutNulls: true))
            {
                HeaderRules.CheckHeader(pair.Key, pair.Value, "-Headers");
                if (HeaderRedaction.IsSecret(pair.Key))
                {
                    cmdlet.Mask.AddToken(pair.Value);
                }

                // -ContentType beats a Content-Type in -Headers, as in Invoke-RestMethod.
                if (contentType == null || !HeaderRules.IsContentType(pair.Key))
                {
                    request.Headers.Add(pair);
                }
            }

            bool headersNameType = hasBody && request.Headers.Any(header => HeaderRules.IsContentType(header.Key));
            if (cmdlet.Form != null && (contentType != null || headersNameType))
            {
                throw Failures.InvalidArgument(Messages.ContentTypeWithForm);
            }

            // A content type the user gave, either way, is not replaced by the service's; nor is multipart's.
            request.ContentTypeGiven = contentType != null || headersNameType || cmdlet.Form != null;
            if (hasBody)
            {
                if (method == "GET" || method == "HEAD")
                {
                    throw Failures.InvalidArgument(Messages.BodyWithoutMethod(method));
                }

                request.Body = CreateBody(contentType);
            }
            else
            {
                foreach (var header in request.Headers)
                {
                    HeaderRules.CheckNeedsNoBody(header.Key);
                }
            }

            return request;
        }

        /// <summary>Refuses, before anything is sent, a listing the service cannot page or this call cannot be.</summary>
        private void CheckListing(string method)
        {
            string conflicting = cmdlet.Raw.IsPresent ? "-Raw" : cmdlet.OutFile != null ? "-OutFile" : cmdlet.ExpandProperty != null ? "-ExpandProperty" : null;
            if (conflicting != null)
            {
                throw Failures.InvalidArgument(Messages.ListingWith(conflicting));
            }

            if (method != "GET")
            {
                throw Failures.InvalidArgument(Messages.ListingNeedsGet(method));
            }

            if (session.CompiledService.Definition.Paging == null)
            {
                throw Failures.InvalidArgument(Messages.ServiceHasNoPaging(session.Service));
            }
        }

        /// <summary>The one body given: -Body encoded for the content type it goes as (the user's, else the service's), the -InFile, or the -Form.</summary>
        private RequestBody CreateBody(BodyContentType contentType)
        {
            if (cmdlet.Body != null)
            {
                return RequestBodyFactory.Create(cmdlet.Body, contentType ?? RequestBodyFactory.ContentTypeOf(session.BodyMediaType));
            }

            if (cmdlet.InFile != null)
            {
                string path = fileSystemPath(cmdlet.InFile, reason => Failures.InFileNotReadable("-InFile", cmdlet.InFile, reason));
                return StreamedBody.FromFile(path, contentType?.Value ?? RequestBodyFactory.OctetStreamMediaType, "-InFile");
            }

            return MultipartBody.Create(RequestBodyFactory.FormParts(cmdlet.Form));
        }
    }
}
