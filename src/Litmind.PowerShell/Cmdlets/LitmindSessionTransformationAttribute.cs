using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
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
                    return SessionHandOff.Resolve(handOff, () => handOff, ServiceEnvironment.Process, Clock());
                }

                if (wrapped == null || wrapped.BaseObject is LitmindSession)
                {
                    return inputData;
                }

                if (DeserializedObject.Claims(wrapped, typeof(LitmindSessionHandOff)))
                {
                    return SessionHandOff.Resolve(wrapped, () => Read(wrapped), ServiceEnvironment.Process, Clock());
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

        /// <summary>The clock of the runspace the session is rebuilt in (the system's unless a test moves time).</summary>
        private static Func<DateTimeOffset> Clock() =>
            System.Management.Automation.Runspaces.Runspace.DefaultRunspace is object runspace ? SessionStore.For(runspace).UtcNow : null;

        /// <summary>A deserialized hand-off as data: it never carries the unencrypted-authentication permission.</summary>
        private static LitmindSessionHandOff Read(PSObject deserialized)
        {
            Uri.TryCreate(DeserializedObject.Read<object>(deserialized, nameof(LitmindSessionHandOff.BaseUri), null)?.ToString(), UriKind.Absolute, out var baseUri);
            return new LitmindSessionHandOff
            {
                Service = DeserializedObject.Read<string>(deserialized, nameof(LitmindSessionHandOff.Service), null),
                ServiceDefinition = DeserializedObject.Read<string>(deserialized, nameof(LitmindSessionHandOff.ServiceDefinition), null),
                BaseUri = baseUri,
                SessionHandle = DeserializedObject.Read(deserialized, nameof(LitmindSessionHandOff.SessionHandle), Guid.Empty),
                Accounts = ReadAccounts(deserialized).ToArray(),
                TimeoutSec = DeserializedObject.Read(deserialized, nameof(LitmindSessionHandOff.TimeoutSec), 0),
                MaximumRetryCount = DeserializedObject.Read(deserialized, nameof(LitmindSessionHandOff.MaximumRetryCount), -1),
                RetryIntervalSec = DeserializedObject.Read(deserialized, nameof(LitmindSessionHandOff.RetryIntervalSec), -1),
                SessionId = DeserializedObject.Read<SecureString>(deserialized, nameof(LitmindSessionHandOff.SessionId), null),
                Tokens = ReadTable(deserialized, nameof(LitmindSessionHandOff.Tokens)),
                ExpiresAt = DeserializedObject.Read<DateTime?>(deserialized, nameof(LitmindSessionHandOff.ExpiresAt), null),
                ApiKey = DeserializedObject.Read<SecureString>(deserialized, nameof(LitmindSessionHandOff.ApiKey), null),
                ClientId = DeserializedObject.Read<SecureString>(deserialized, nameof(LitmindSessionHandOff.ClientId), null),
                ClientSecret = DeserializedObject.Read<SecureString>(deserialized, nameof(LitmindSessionHandOff.ClientSecret), null),
                Parameters = ReadTable(deserialized, nameof(LitmindSessionHandOff.Parameters)),
                Domains = ReadTable(deserialized, nameof(LitmindSessionHandOff.Domains)),
                KeyMode = DeserializedObject.Read(deserialized, nameof(LitmindSessionHandOff.KeyMode), false),
            };
        }

        /// <summary>A deserialized table (the tokens, the service values) with its values unwrapped; empty when it is missing or not a table.</summary>
        private static Hashtable ReadTable(PSObject deserialized, string name)
        {
            var table = new Hashtable(StringComparer.Ordinal);
            if (DeserializedObject.Read<object>(deserialized, name, null) is object value && (value is PSObject wrapped ? wrapped.BaseObject : value) is IDictionary entries)
            {
                foreach (DictionaryEntry entry in entries)
                {
                    table[LanguagePrimitives.ConvertTo<string>(entry.Key)] = entry.Value is PSObject item ? item.BaseObject : entry.Value;
                }
            }

            return table;
        }

        private static IEnumerable<LitmindAccount> ReadAccounts(PSObject deserialized)
        {
            var accounts = new List<LitmindAccount>();
            var list = DeserializedObject.Read<object>(deserialized, nameof(LitmindSessionHandOff.Accounts), null);
            if ((list is PSObject wrapped ? wrapped.BaseObject : list) is IEnumerable items && !(items is string))
            {
                foreach (var item in items)
                {
                    if (DeserializedObject.ReadAccount(PSObject.AsPSObject(item), idRequired: false) is LitmindAccount read)
                    {
                        accounts.Add(read);
                    }
                }
            }

            return accounts;
        }
    }
}
