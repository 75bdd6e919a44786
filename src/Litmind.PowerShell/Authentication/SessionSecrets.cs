using System;
using System.Security;

namespace Litmind.PowerShell.Authentication
{
    /// <summary>
    /// The long-lived secrets a session keeps: the API key and, unless the user asked for none, the
    /// credentials of every account so an expired session can log in again on its own.
    /// </summary>
    internal sealed class SessionSecrets : IDisposable
    {
        private readonly object gate = new object();
        private SecureString apiKey;
        private bool disposed;

        public SessionSecrets(SecureString apiKey)
        {
            this.apiKey = apiKey;
        }

        public bool HasApiKey
        {
            get { lock (gate) { return apiKey != null && apiKey.Length > 0; } }
        }

        /// <summary>The API key in plain text, for the moment a request is built.</summary>
        public string RevealApiKey()
        {
            lock (gate)
            {
                if (disposed)
                {
                    throw Errors.Failures.Disconnected();
                }

                if (apiKey == null || apiKey.Length == 0)
                {
                    throw Errors.Failures.MissingApiKey();
                }

                return SecretText.Reveal(apiKey);
            }
        }

        public void Dispose()
        {
            lock (gate)
            {
                disposed = true;
                apiKey?.Dispose();
                apiKey = null;
            }
        }
    }
}
