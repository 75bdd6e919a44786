using System;
using System.Collections.Generic;
using System.Linq;
using Litmind.PowerShell.Secrets;

namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// What one login or refresh yielded (a session id, a bearer, a csrf token, a cookie), frozen:
    /// a renewal makes a new snapshot and never changes one a caller may still be reading, so a
    /// call in flight keeps a consistent set of values and learns of a renewal by re-reading the
    /// session's current snapshot.
    /// </summary>
    internal sealed class TokenSnapshot
    {
        /// <summary>No tokens: a session in key mode, which never logs in.</summary>
        public static readonly TokenSnapshot Empty = new TokenSnapshot(new Dictionary<string, string>(), new string[0], null, DateTimeOffset.MinValue, null, null);

        private readonly IReadOnlyDictionary<string, string> values;
        private readonly IReadOnlyCollection<string> secretNames;
        private readonly string handleName;

        public TokenSnapshot(IReadOnlyDictionary<string, string> values, IReadOnlyCollection<string> secretNames, string handleName, DateTimeOffset issuedAt, DateTimeOffset? expiresAt, DateTimeOffset? refreshAt)
        {
            this.values = values;
            this.secretNames = secretNames;
            this.handleName = handleName;
            IssuedAt = issuedAt;
            ExpiresAt = expiresAt;
            RefreshAt = refreshAt;
        }

        public DateTimeOffset IssuedAt { get; }

        /// <summary>When the service says the tokens stop working; null when it does not say.</summary>
        public DateTimeOffset? ExpiresAt { get; }

        /// <summary>When to renew ahead of <see cref="ExpiresAt"/>; null when there is no known end.</summary>
        public DateTimeOffset? RefreshAt { get; }

        /// <summary>The values by capture name.</summary>
        public IReadOnlyDictionary<string, string> Values => values;

        /// <summary>The value that names the server's session (for resuming it elsewhere), or null.</summary>
        public string Handle => handleName == null ? null : Get(handleName);

        /// <summary>A short hint of the handle (or of the first secret value) for display; never the value itself.</summary>
        public string Hint => SecretText.Hint(Handle ?? secretNames.Select(Get).FirstOrDefault(v => v != null));

        /// <summary>The values that are secrets, for whoever must keep them out of output.</summary>
        public IEnumerable<string> SecretValues => secretNames.Select(Get).Where(v => !string.IsNullOrEmpty(v));

        public string Get(string name) => values.TryGetValue(name, out var value) ? value : null;

        /// <summary>Whether the two snapshots hold the same values (a join that kept the session changes nothing).</summary>
        public bool HasSameValues(TokenSnapshot other) =>
            other != null && other.values.Count == values.Count && values.All(pair => other.Get(pair.Key) == pair.Value);
    }
}
