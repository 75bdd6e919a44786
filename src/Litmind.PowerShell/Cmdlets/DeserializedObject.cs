using System;
using System.Globalization;
using System.Management.Automation;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Cmdlets
{
    /// <summary>
    /// Reads the module's objects as they arrive from another process (Start-Job, Invoke-Command,
    /// Import-Clixml): property bags whose type name starts with "Deserialized.". Anyone can build
    /// such a bag, so what is read here is data, never trusted as the module's own.
    /// </summary>
    internal static class DeserializedObject
    {
        /// <summary>Whether the object claims to be a deserialized <paramref name="type"/>.</summary>
        public static bool Claims(PSObject value, Type type) =>
            value != null && value.TypeNames.Contains("Deserialized." + type.FullName);

        /// <summary>A property's value as <typeparamref name="T"/>, or the fallback when it is missing or does not convert.</summary>
        public static T Read<T>(PSObject source, string name, T fallback)
        {
            var value = source.Properties[name]?.Value;
            if (value is PSObject wrapped && !(typeof(T) == typeof(object)))
            {
                value = wrapped.BaseObject;
            }

            if (value == null)
            {
                return fallback;
            }

            if (value is T typed)
            {
                return typed;
            }

            try
            {
                return (T)LanguagePrimitives.ConvertTo(value, typeof(T), CultureInfo.InvariantCulture);
            }
            catch (PSInvalidCastException)
            {
                return fallback;
            }
        }

        /// <summary>
        /// An account read from a deserialized one, or null when it has no id (unless
        /// <paramref name="idRequired"/> is false: accounts of services that number none, read by name).
        /// </summary>
        public static LitmindAccount ReadAccount(PSObject account, bool idRequired = true)
        {
            // An id as the data has it (a number, or text for a service whose ids are text); the
            // session it is used with reads it as its service has ids.
            object id = Read<object>(account, nameof(LitmindAccount.Id), null);
            id = id is PSObject wrapped ? wrapped.BaseObject : id;
            bool none = id == null || (id is string text && text.Length == 0) || Equals(id, 0L) || Equals(id, 0);
            return none && (idRequired || account.Properties[nameof(LitmindAccount.Username)] == null)
                ? null
                : new LitmindAccount(
                    none ? 0L : id,
                    Read<string>(account, nameof(LitmindAccount.Username), null),
                    Read<string>(account, nameof(LitmindAccount.TypeTitle), null),
                    Read<string>(account, nameof(LitmindAccount.ThumbnailUrl), null));
        }
    }
}
