using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Litmind.PowerShell.Authentication;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Cmdlets
{
    /// <summary>
    /// Lets -Session take a session that arrives deserialized (Start-Job, Invoke-Command,
    /// Import-Clixml): it is rebuilt from its plain handle (base URI, session id, accounts). The API
    /// key comes from $env:LITMIND_API_KEY; the rebuilt session holds no credentials, so it cannot
    /// log in again on expiry and says so.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class LitmindSessionTransformationAttribute : ArgumentTransformationAttribute
    {
        private const string DeserializedTypeName = "Deserialized.Litmind.PowerShell.Sessions.LitmindSession";

        /// <inheritdoc />
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if (!(inputData is PSObject wrapped) || wrapped.BaseObject is LitmindSession || !wrapped.TypeNames.Contains(DeserializedTypeName))
            {
                return inputData;
            }

            Guid handle = Read(wrapped, nameof(LitmindSession.Handle), Guid.Empty);
            var store = SessionStore.For(Runspace.DefaultRunspace ?? (object)engineIntrinsics.SessionState);
            try
            {
                return store.GetOrAddRebuilt(handle == Guid.Empty ? Guid.NewGuid() : handle, () => Rebuild(wrapped, handle));
            }
            catch (LitmindException failure)
            {
                throw new ArgumentTransformationMetadataException(failure.Message, failure);
            }
        }

        private static LitmindSession Rebuild(PSObject deserialized, Guid handle)
        {
            string resumeHandle = Read<string>(deserialized, nameof(LitmindSession.ResumeHandle), null);
            if (string.IsNullOrEmpty(resumeHandle))
            {
                throw Failures.InvalidArgument(Messages.CannotRebuildSession);
            }

            var baseUriText = Read<object>(deserialized, nameof(LitmindSession.BaseUri), null)?.ToString();
            if (!Uri.TryCreate(baseUriText, UriKind.Absolute, out var baseUri))
            {
                throw Failures.InvalidArgument(Messages.BaseUriNotAbsolute(baseUriText));
            }

            var defaults = new CallOptions
            {
                Timeout = TimeSpan.FromSeconds(Math.Max(1, Read(deserialized, nameof(LitmindSession.TimeoutSec), (int)CallOptions.DefaultTimeout.TotalSeconds))),
                MaximumRetryCount = Math.Max(0, Read(deserialized, nameof(LitmindSession.MaximumRetryCount), 3)),
                RetryInterval = TimeSpan.FromSeconds(Math.Max(0, Read(deserialized, nameof(LitmindSession.RetryIntervalSec), 1))),
            };

            string apiKey = Environment.GetEnvironmentVariable(ConnectLitmindCommand.ApiKeyVariable);
            var secrets = new SessionSecrets(string.IsNullOrEmpty(apiKey) ? null : SecretText.Protect(apiKey));
            return SessionLogin.Resume(
                LitmindLoginFlow.Instance,
                baseUri,
                secrets,
                resumeHandle,
                ReadAccounts(deserialized),
                defaults,
                Read(deserialized, nameof(LitmindSession.AllowUnencryptedAuthentication), false),
                handle == Guid.Empty ? (Guid?)null : handle);
        }

        private static IEnumerable<LitmindAccount> ReadAccounts(PSObject deserialized)
        {
            var accounts = new List<LitmindAccount>();
            if (Read<object>(deserialized, nameof(LitmindSession.Accounts), null) is PSObject list && list.BaseObject is IEnumerable items)
            {
                foreach (var item in items)
                {
                    if (item is PSObject account && DeserializedObject.ReadAccount(account) is LitmindAccount read)
                    {
                        accounts.Add(read);
                    }
                }
            }

            if (accounts.Count == 0)
            {
                long userId = Read(deserialized, nameof(LitmindSession.UserId), 0L);
                if (userId == 0)
                {
                    throw Failures.InvalidArgument(Messages.CannotRebuildSession);
                }

                accounts.Add(new LitmindAccount(userId, Read<string>(deserialized, nameof(LitmindSession.UserName), null), null, null));
            }

            return accounts;
        }

        private static T Read<T>(PSObject source, string name, T fallback) => DeserializedObject.Read(source, name, fallback);
    }
}
