using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using Litmind.PowerShell.Conversion;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Cmdlets
{
    /// <summary>
    /// Calls any Litmind endpoint with the session's headers and writes the JSON answer as objects
    /// (a top-level array one element at a time, as it arrives); with -All (or -First, -Skip),
    /// every item of every page of a list, as the service's paging says.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "LitmindRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = DefaultSet, SupportsPaging = true)]
    [OutputType(typeof(PSObject), typeof(string), typeof(System.Collections.Specialized.OrderedDictionary))]
    public sealed class InvokeLitmindRequestCommand : LitmindCmdlet
    {
        // -Account has a parameter set of its own so that objects piped in for their Path (a
        // runbook's list of calls) latch on to the default set: PowerShell then never tries to
        // convert each of them to an account, a failed conversion and a caught exception per item.
        // Accounts piped in with -Path on the command line still bind to -Account.
        private const string DefaultSet = "Default";
        private const string AccountSet = "Account";

        /// <summary>
        /// The endpoint path, relative to the session's base URI (a leading '/' is fine). -Uri is
        /// another name for it, so a splat written for Invoke-RestMethod binds.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Uri")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.PathCompleter))]
        public string Path { get; set; }

        /// <summary>The HTTP method. Defaults to GET.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.MethodCompleter))]
        public string Method { get; set; } = "GET";

        /// <summary>Query string parameters; an array value repeats the key.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public IDictionary Query { get; set; }

        /// <summary>The body: a hashtable goes form-encoded, any other object as JSON, a string as is.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object Body { get; set; }

        /// <summary>
        /// Send this file as the body, read as it is sent (any size). Relative to the current
        /// PowerShell location. Not with -Body or -Form.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string InFile { get; set; }

        /// <summary>
        /// Send these fields as multipart/form-data: each value a text part, a FileInfo (Get-Item)
        /// a file part, an array one part per item. Not with -Body or -InFile.
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary Form { get; set; }

        /// <summary>The body's content type, sent as given; application/json sends a hashtable as JSON.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ContentType { get; set; }

        /// <summary>Extra request headers. The session's own headers cannot be overridden.</summary>
        [Parameter]
        public IDictionary Headers { get; set; }

        /// <summary>
        /// Another of the service's domains to send the call to, by the name the session's login
        /// listed (LivePerson's service domains: Tab completes them); -Path is relative to its root.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.DomainCompleter))]
        public string Domain { get; set; }

        /// <summary>The session to use. Defaults to the runspace's default session.</summary>
        [Parameter]
        [LitmindSessionTransformation]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(Completion.SessionCompleter))]
        public LitmindSession Session { get; set; }

        /// <summary>
        /// Act as this account of the session. Defaults to the session's primary account.
        /// Binds from a piped object's UserId property only: the id of a casting or a model is not an account.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completion.UserIdCompleter))]
        public object UserId { get; set; }

        /// <summary>Act as this account (as Get-LitmindAccount writes it); accounts piped in bind here.</summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = AccountSet)]
        [LitmindAccountTransformation]
        [ValidateNotNull]
        public LitmindAccount Account { get; set; }

        /// <summary>Write the body as a string instead of objects.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        /// <summary>
        /// Write every item of every page of the list, one object per item, as the service's paging
        /// says: page after page, the next fetched while this one is written. -First, -Skip and
        /// -IncludeTotalCount page the same way.
        /// </summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>Write each JSON object as an ordered dictionary instead of a PSCustomObject (as ConvertFrom-Json -AsHashtable).</summary>
        [Parameter]
        public SwitchParameter AsHashtable { get; set; }

        /// <summary>
        /// Stream the list under this field of the answer (such as items) to the pipeline as it is
        /// read, instead of writing the answer as one object. The answer's other fields are still checked.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ExpandProperty { get; set; }

        /// <summary>
        /// Save the body to this file as it arrives (any size) instead of writing it to the
        /// pipeline. Relative to the current PowerShell location.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string OutFile { get; set; }

        /// <summary>This call's timeout in seconds. Defaults to the session's.</summary>
        [Parameter]
        [ValidateRange(1, CallOptions.MaximumTimeoutSec)]
        public int TimeoutSec { get; set; }

        /// <summary>How many times a throttled (429) or unavailable (503) answer is retried, and a gateway's 502 or 504 for an idempotent method. Defaults to the session's.</summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public int MaximumRetryCount { get; set; } = -1;

        /// <summary>The first backoff step in seconds when the server gives no Retry-After. Defaults to the session's.</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public int RetryIntervalSec { get; set; } = -1;

        /// <summary>The name of a variable that receives the HTTP status code of the answer.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string StatusCodeVariable { get; set; }

        /// <summary>
        /// The name of a variable that receives the answer's headers (a dictionary of header name to
        /// values), on failures too; headers that carry secrets are redacted.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [Alias("RHV")]
        public string ResponseHeadersVariable { get; set; }

        /// <summary>
        /// Write an error answer (4xx, 5xx) to the pipeline as an answer instead of an error, as
        /// Invoke-RestMethod -SkipHttpErrorCheck does; -StatusCodeVariable says its status. An
        /// expired session is still renewed and the call replayed first.
        /// </summary>
        [Parameter]
        public SwitchParameter SkipHttpErrorCheck { get; set; }

        private LitmindSession session;
        private AnswerVariables answerVariables;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            session = ResolveSession(Session);
            answerVariables = new AnswerVariables(SessionState.PSVariable, StatusCodeVariable, ResponseHeadersVariable, Mask);
            if (answerVariables.CheckWritable() is LitmindException unwritable)
            {
                ThrowTerminatingError(ToErrorRecord(unwritable, StatusCodeVariable ?? ResponseHeadersVariable));
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string method = Method.Trim().ToUpperInvariant();
            try
            {
                if (!Completion.MethodCompleter.Methods.Contains(method))
                {
                    throw Failures.InvalidArgument(Messages.UnsupportedMethod(Method));
                }

                var request = new InvokeRequestBuilder(this, session, FileSystemPath).Build(method, Lists);
                object accountId = ActingAccountId();
                bool readOnly = method == "GET" || method == "HEAD" || method == "OPTIONS";
                if (!readOnly && !ShouldProcess(Path, method))
                {
                    return;
                }

                var options = session.Defaults.With(TimeoutSec, MaximumRetryCount, RetryIntervalSec);
                if (Lists)
                {
                    WriteListing(request, accountId, options);
                    return;
                }

                using (var outputFile = OpenOutFile())
                {
                    if (outputFile != null)
                    {
                        request.Shape = AnswerShape.File;
                        request.OutFile = outputFile.Stream;
                    }

                    using (var result = Send(request, accountId, options, outputFile))
                    {
                        answerVariables.Set(result.StatusCode, answerVariables.WantsHeaders ? result.ResponseHeaders : null);
                        outputFile?.Commit();
                        WriteResult(result);
                    }
                }
            }
            catch (LitmindException failure)
            {
                answerVariables.Set(failure);

                WriteError(ToErrorRecord(failure, Path));
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Whether this call walks the list page by page: -All, or PowerShell's paging parameters.</summary>
        private bool Lists =>
            All.IsPresent || PagingParameters.IncludeTotalCount.IsPresent
            || MyInvocation.BoundParameters.ContainsKey(nameof(PagingParameters.First)) || MyInvocation.BoundParameters.ContainsKey(nameof(PagingParameters.Skip));

        /// <summary>
        /// Writes the items of every page (after -Skip, up to -First), the total first with
        /// -IncludeTotalCount, and progress where someone watches. A failed page ends the listing
        /// with its error; the items written before it stay written.
        /// </summary>
        private void WriteListing(ApiRequest request, object accountId, Http.CallOptions options)
        {
            var pages = new Paging.PageRequests(session.CompiledService.Definition.Paging, request, PagingParameters.Skip);
            using (var listing = new Paging.Listing((page, log, token) => session.SendAsync(page, accountId, options, log, token), pages, PagingParameters.Skip, PagingParameters.First, CancellationToken, answerVariables.WantsHeaders))
            {
                var progress = ListingProgress.For(Host, Path);
                try
                {
                    for (var items = Run(listing.NextAsync); items != null; items = Run(listing.NextAsync))
                    {
                        answerVariables.Set(listing.LastStatusCode, listing.LastHeaders);
                        if (listing.PagesRead == 1 && PagingParameters.IncludeTotalCount.IsPresent)
                        {
                            WriteObject(listing.Total is long total ? PagingParameters.NewTotalCount((ulong)total, 1.0) : PagingParameters.NewTotalCount(0, 0.0));
                        }

                        if (progress != null)
                        {
                            WriteProgress(progress.Page(listing, items.Count));
                        }

                        foreach (var item in items)
                        {
                            WriteObject(item);
                        }
                    }
                }
                finally
                {
                    if (progress != null)
                    {
                        WriteProgress(progress.Completed());
                    }
                }
            }
        }

        private ApiResult Send(ApiRequest request, object accountId, Http.CallOptions options, OutputFile outputFile)
        {
            try
            {
                return Run((log, token) => session.SendAsync(request, accountId, options, log, token));
            }
            catch (System.IO.IOException ex) when (outputFile != null)
            {
                // Only writing the file throws this: the engine turns every read failure into its own error.
                throw Failures.OutFileNotWritable(outputFile.Path, ex.Message);
            }
        }

        /// <summary>The -OutFile, resolved against the current location and opened before anything is sent; null without it.</summary>
        private OutputFile OpenOutFile()
        {
            if (OutFile == null)
            {
                return null;
            }

            if (Raw.IsPresent)
            {
                throw Failures.InvalidArgument(Messages.OutFileWithRaw);
            }

            return OutputFile.Open(FileSystemPath(OutFile, reason => Failures.OutFileNotWritable(OutFile, reason)));
        }

        /// <summary>
        /// A path the user gave, taken literally (no wildcards) and resolved against the current
        /// PowerShell location; <paramref name="failure"/> reports one that is no file-system path.
        /// </summary>
        private string FileSystemPath(string given, Func<string, LitmindException> failure)
        {
            try
            {
                string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(given, out var provider, out _);
                return provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider) ? path : throw failure(Messages.NotOnFileSystem);
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is DriveNotFoundException || ex is ProviderNotFoundException || ex is NotSupportedException || ex is ArgumentException || ex is PSInvalidOperationException)
            {
                throw failure(ex.Message);
            }
        }

        /// <summary>The account named by -UserId or -Account (never both), or null for the session's primary account.</summary>
        private object ActingAccountId()
        {
            bool byUserId = MyInvocation.BoundParameters.ContainsKey(nameof(UserId));
            bool byAccount = MyInvocation.BoundParameters.ContainsKey(nameof(Account));
            if (byUserId && byAccount)
            {
                throw Failures.InvalidArgument(Messages.UserIdAndAccount);
            }

            object given = byUserId ? (UserId is PSObject wrapped ? wrapped.BaseObject : UserId) : byAccount ? Account.Id : null;
            return byUserId && given == null ? throw Failures.InvalidArgument(Messages.NotAnAccountId(string.Empty, session.Service, false)) : given;
        }

        private void WriteResult(ApiResult result)
        {
            if (result.Text != null)
            {
                WriteObject(Mask.ApplyToAnswer(result.Text));
                return;
            }

            if (result.Objects != null)
            {
                // Converted as they are read: each object reaches the pipeline before the next is read.
                foreach (var item in result.Objects)
                {
                    WriteObject(item);
                }

                return;
            }

            if (result.HasValue)
            {
                WriteObject(result.Value, enumerateCollection: true);
            }
        }
    }
}
