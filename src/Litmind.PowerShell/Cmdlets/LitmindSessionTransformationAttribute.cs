using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Services;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Cmdlets
{
    /// <summary>
    /// Lets -Session take a hand-off (Get-LitmindSession -HandOff), live or deserialized (Start-Job,
    /// Invoke-Command, Import-Clixml): it is rebuilt into a session, once per hand-off object. A
    /// deserialized session is refused with a message that says to hand it over instead: its
    /// serialized form carries no session id.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class LitmindSessionTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc />
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            try
            {
                var wrapped = inputData as PSObject;
                if ((wrapped?.BaseObject ?? inputData) is LitmindSessionHandOff handOff)
                {
                    return SessionHandOff.Resolve(handOff, () => handOff, ServiceEnvironment.Process);
                }

                if (wrapped == null || wrapped.BaseObject is LitmindSession)
                {
                    return inputData;
                }

                if (DeserializedObject.Claims(wrapped, typeof(LitmindSessionHandOff)))
                {
                    return SessionHandOff.Resolve(wrapped, () => Read(wrapped), ServiceEnvironment.Process);
                }

                if (DeserializedObject.Claims(wrapped, typeof(LitmindSession)))
                {
                    throw Failures.InvalidArgument(Messages.DeserializedSession);
                }

                return inputData;
            }
            catch (LitmindException failure)
            {
                throw new ArgumentTransformationMetadataException(failure.Message, failure);
            }
        }

        /// <summary>A deserialized hand-off as data: it never carries the unencrypted-authentication permission.</summary>
        private static LitmindSessionHandOff Read(PSObject deserialized)
        {
            Uri.TryCreate(DeserializedObject.Read<object>(deserialized, nameof(LitmindSessionHandOff.BaseUri), null)?.ToString(), UriKind.Absolute, out var baseUri);
            return new LitmindSessionHandOff(
                DeserializedObject.Read<string>(deserialized, nameof(LitmindSessionHandOff.Service), null),
                baseUri,
                DeserializedObject.Read(deserialized, nameof(LitmindSessionHandOff.SessionHandle), Guid.Empty),
                ReadAccounts(deserialized),
                DeserializedObject.Read(deserialized, nameof(LitmindSessionHandOff.TimeoutSec), 0),
                DeserializedObject.Read(deserialized, nameof(LitmindSessionHandOff.MaximumRetryCount), -1),
                DeserializedObject.Read(deserialized, nameof(LitmindSessionHandOff.RetryIntervalSec), -1),
                DeserializedObject.Read<SecureString>(deserialized, nameof(LitmindSessionHandOff.SessionId), null),
                DeserializedObject.Read<SecureString>(deserialized, nameof(LitmindSessionHandOff.ApiKey), null),
                allowUnencryptedAuthentication: false);
        }

        private static IEnumerable<LitmindAccount> ReadAccounts(PSObject deserialized)
        {
            var accounts = new List<LitmindAccount>();
            var list = DeserializedObject.Read<object>(deserialized, nameof(LitmindSessionHandOff.Accounts), null);
            if ((list is PSObject wrapped ? wrapped.BaseObject : list) is IEnumerable items && !(items is string))
            {
                foreach (var item in items)
                {
                    if (DeserializedObject.ReadAccount(PSObject.AsPSObject(item)) is LitmindAccount read)
                    {
                        accounts.Add(read);
                    }
                }
            }

            return accounts;
        }
    }
}
