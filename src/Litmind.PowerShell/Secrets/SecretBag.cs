using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;

namespace Litmind.PowerShell.Secrets
{
    /// <summary>
    /// The long-lived secrets a session holds (an API key, a client id and secret), by the names its
    /// service definition gives them, each kept as a SecureString and revealed only while a request
    /// is built. Disposed when the session is disconnected, which disposes every SecureString.
    /// </summary>
    internal sealed class SecretBag : IDisposable
    {
        private readonly object gate = new object();
        private readonly Dictionary<string, SecureString> secrets;
        private bool disposed;

        /// <summary>Takes ownership of the given secrets (empty ones count as absent).</summary>
        public SecretBag(IEnumerable<KeyValuePair<string, SecureString>> values)
        {
            secrets = new Dictionary<string, SecureString>(StringComparer.Ordinal);
            foreach (var pair in values ?? Enumerable.Empty<KeyValuePair<string, SecureString>>())
            {
                if (pair.Value != null && pair.Value.Length > 0)
                {
                    secrets[pair.Key] = pair.Value;
                }
                else
                {
                    pair.Value?.Dispose();
                }
            }
        }

        public bool Has(string name)
        {
            lock (gate)
            {
                return !disposed && secrets.ContainsKey(name);
            }
        }

        /// <summary>The secret in plain text for the moment a request is built; null when it was not given.</summary>
        public string Reveal(string name)
        {
            lock (gate)
            {
                if (disposed)
                {
                    throw Errors.Failures.Disconnected();
                }

                return secrets.TryGetValue(name, out var secret) ? SecretText.Reveal(secret) : null;
            }
        }

        /// <summary>Every secret in plain text, for keeping them out of output; none once disposed.</summary>
        public IReadOnlyList<string> RevealAll()
        {
            lock (gate)
            {
                return secrets.Values.Select(SecretText.Reveal).ToList();
            }
        }

        /// <summary>Whether <paramref name="candidate"/> is the secret this bag holds under <paramref name="name"/>.</summary>
        public bool Matches(string name, SecureString candidate) =>
            string.Equals(Reveal(name), SecretText.Reveal(candidate), StringComparison.Ordinal);

        public void Dispose()
        {
            lock (gate)
            {
                disposed = true;
                foreach (var secret in secrets.Values)
                {
                    secret.Dispose();
                }

                secrets.Clear();
            }
        }

    }
}
