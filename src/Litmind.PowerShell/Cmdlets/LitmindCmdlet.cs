using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Cmdlets
{
    /// <summary>
    /// What every Litmind cmdlet shares: the runspace's session store, resolving -Session or the
    /// default session (saying how a session rebuilt from a hand-off authenticates), cancellation
    /// on Ctrl+C, running engine calls while relaying their verbose messages on the pipeline
    /// thread, and turning failures into ErrorRecords.
    /// </summary>
    public abstract class LitmindCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();
        private bool? logIsRead;

        /// <summary>Cancelled when the user stops the pipeline.</summary>
        internal CancellationToken CancellationToken => cancellation.Token;

        /// <summary>The sessions of the runspace this cmdlet runs in.</summary>
        internal SessionStore Store => SessionStore.For(Runspace.DefaultRunspace ?? (object)SessionState);

        /// <summary>The secrets this cmdlet knows, masked in everything it writes.</summary>
        internal SecretMask Mask { get; } = new SecretMask();

        /// <summary>The explicit session, else the runspace's default; terminates when there is none.</summary>
        internal LitmindSession ResolveSession(LitmindSession explicitSession)
        {
            var session = explicitSession ?? Store.Default;
            if (session == null)
            {
                ThrowTerminatingError(ToErrorRecord(Failures.NotConnected(), MyInvocation.MyCommand.Name));
            }

            if (!session.IsConnected)
            {
                ThrowTerminatingError(ToErrorRecord(Failures.Disconnected(), session));
            }

            Mask.Add(session);
            if (SessionHandOff.OriginOf(session) is HandOffOrigin origin)
            {
                WriteVerbose(Mask.Apply(origin.Description));
                if (origin.Failure != null)
                {
                    ThrowTerminatingError(ToErrorRecord(origin.Failure, session));
                }
            }

            return session;
        }

        /// <summary>
        /// Runs an engine operation to completion. When verbose or debug messages are wanted, it
        /// runs on the thread pool while this (pipeline) thread writes its log messages; Write* is
        /// never called from another thread. When nobody listens, this thread waits for it
        /// directly: no hop to another thread and no relay per call.
        /// </summary>
        internal T Run<T>(Func<IOperationLog, CancellationToken, Task<T>> operation)
        {
            NamePowerShell();
            try
            {
                // The engine awaits with ConfigureAwait(false) throughout, so waiting here cannot
                // deadlock; a host's synchronization context still gets the hop, to be safe.
                return !LogIsRead && SynchronizationContext.Current == null
                    ? operation(NullOperationLog.Instance, CancellationToken).GetAwaiter().GetResult()
                    : RunRelayingLog(operation);
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// Tells the User-Agent which PowerShell runs the module, as $PSVersionTable says, before
        /// the first request of the process (a login) is sent.
        /// </summary>
        private void NamePowerShell()
        {
            if (!ClientIdentity.KnowsPowerShell)
            {
                var table = SessionState.PSVariable.GetValue("PSVersionTable") as System.Collections.IDictionary;
                object version = table?["PSVersion"];
                ClientIdentity.NamePowerShell(System.Convert.ToString(version is PSObject wrapped ? wrapped.BaseObject : version, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        /// <summary>Runs the operation on the thread pool while this thread writes the log messages it relays.</summary>
        private T RunRelayingLog<T>(Func<IOperationLog, CancellationToken, Task<T>> operation)
        {
            using (var log = new RelayLog())
            {
                var task = Task.Run(() => operation(log, CancellationToken));
                task.ContinueWith(_ => log.Complete(), TaskScheduler.Default);
                foreach (var entry in log.Entries)
                {
                    if (entry.Key == RelayLog.Level.Verbose)
                    {
                        WriteVerbose(Mask.Apply(entry.Value));
                    }
                    else
                    {
                        WriteDebug(Mask.Apply(entry.Value));
                    }
                }

                return task.GetAwaiter().GetResult();
            }
        }

        /// <summary>True when this invocation writes verbose or debug messages anywhere (-Verbose, -Debug or the preference variables).</summary>
        private bool LogIsRead
        {
            get
            {
                if (logIsRead == null)
                {
                    logIsRead = Listens("Verbose", "VerbosePreference") || Listens("Debug", "DebugPreference");
                }

                return logIsRead.Value;
            }
        }

        private bool Listens(string parameter, string preferenceVariable)
        {
            if (MyInvocation.BoundParameters.TryGetValue(parameter, out var bound))
            {
                return LanguagePrimitives.IsTrue(bound);
            }

            // Unreadable preference: assume someone listens, which costs time, never a message.
            return !LanguagePrimitives.TryConvertTo(GetVariableValue(preferenceVariable), out ActionPreference preference)
                || (preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore);
        }

        /// <summary>
        /// An ErrorRecord with the failure's stable ErrorId, its category and a target, every secret
        /// this cmdlet knows masked (a server may quote the request's headers in its answer).
        /// </summary>
        internal ErrorRecord ToErrorRecord(LitmindException failure, object target)
        {
            // A session as target would carry its handle into serialized error records (job logs):
            // its display string names it without secrets.
            if (target is LitmindSession session)
            {
                target = session.ToString();
            }

            failure = Mask.Apply(failure);
            target = EndpointResolver.TargetOf(target);
            if (target is string text)
            {
                target = Mask.Apply(text);
            }

            var kind = Kinds.TryGetValue(failure.Kind, out var known) ? known : Kinds[LitmindErrorKind.Unknown];
            var record = new ErrorRecord(failure, failure.ErrorId, kind.Key, target ?? (object)failure.RequestUri);
            // As Invoke-RestMethod's errors: the server's own answer, when it sent one, is the details' message.
            record.ErrorDetails = new ErrorDetails(failure.ResponseBody ?? failure.Message) { RecommendedAction = kind.Value };
            return record;
        }

        /// <summary>The PowerShell category of each kind of failure, and what a user can do about it.</summary>
        private static readonly Dictionary<LitmindErrorKind, KeyValuePair<ErrorCategory, string>> Kinds = new Dictionary<LitmindErrorKind, KeyValuePair<ErrorCategory, string>>
        {
            [LitmindErrorKind.InvalidArgument] = Pair(ErrorCategory.InvalidArgument, Messages.FixArgument),
            [LitmindErrorKind.Authentication] = Pair(ErrorCategory.AuthenticationError, Messages.FixCredentials),
            [LitmindErrorKind.PermissionDenied] = Pair(ErrorCategory.PermissionDenied, Messages.FixPermission),
            [LitmindErrorKind.NotFound] = Pair(ErrorCategory.ObjectNotFound, Messages.FixPath),
            [LitmindErrorKind.LimitsExceeded] = Pair(ErrorCategory.LimitsExceeded, Messages.FixThrottling),
            [LitmindErrorKind.Connection] = Pair(ErrorCategory.ConnectionError, Messages.FixConnection),
            [LitmindErrorKind.Timeout] = Pair(ErrorCategory.OperationTimeout, Messages.FixTimeout),
            [LitmindErrorKind.InvalidData] = Pair(ErrorCategory.InvalidData, Messages.FixInvalidData),
            [LitmindErrorKind.NotConnected] = Pair(ErrorCategory.ConnectionError, Messages.FixNotConnected),
            [LitmindErrorKind.ServerError] = Pair(ErrorCategory.InvalidResult, Messages.FixOther),
            [LitmindErrorKind.Unknown] = Pair(ErrorCategory.NotSpecified, Messages.FixOther),
        };

        /// <inheritdoc />
        protected override void StopProcessing() => cancellation.Cancel();

        /// <summary>Releases the cancellation source.</summary>
        public void Dispose()
        {
            cancellation.Dispose();
            GC.SuppressFinalize(this);
        }

        private static KeyValuePair<ErrorCategory, string> Pair(ErrorCategory category, string action) => new KeyValuePair<ErrorCategory, string>(category, action);

        /// <summary>Collects engine messages from any thread for the pipeline thread to write.</summary>
        private sealed class RelayLog : IOperationLog, IDisposable
        {
            private readonly BlockingCollection<KeyValuePair<Level, string>> queue =
                new BlockingCollection<KeyValuePair<Level, string>>();

            public enum Level
            {
                Verbose,
                Debug,
            }

            public IEnumerable<KeyValuePair<Level, string>> Entries => queue.GetConsumingEnumerable();

            public bool IsEnabled => true;

            public void Verbose(string message) => Add(Level.Verbose, message);

            public void Debug(string message) => Add(Level.Debug, message);

            public void Complete()
            {
                try
                {
                    queue.CompleteAdding();
                }
                catch (ObjectDisposedException)
                {
                    // The pipeline stopped while the operation ran; nobody reads the log any more.
                }
            }

            public void Dispose() => queue.Dispose();

            private void Add(Level level, string message)
            {
                try
                {
                    queue.Add(new KeyValuePair<Level, string>(level, message));
                }
                catch (Exception ex) when (ex is InvalidOperationException || ex is ObjectDisposedException)
                {
                    // The operation finished (or the pipeline stopped): work it started that goes on
                    // in the background, a renewal ahead, has nobody left to read its messages.
                }
            }
        }
    }
}
