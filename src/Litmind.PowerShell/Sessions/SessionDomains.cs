using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Litmind.PowerShell.Errors;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// The service's other domains a session may call (LivePerson's service domains, seed 002), by
    /// name, as its login answer listed them: origins its secrets may go to besides the base URI.
    /// Each is https when the base URI is (http only as the base URI is); replaced whole by a new login.
    /// </summary>
    internal sealed class SessionDomains
    {
        private readonly string scheme;
        private readonly string service;
        private IReadOnlyDictionary<string, Uri> roots = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);

        public SessionDomains(Uri baseUri, string service)
        {
            scheme = baseUri.Scheme;
            this.service = service;
        }

        /// <summary>The domains' names, as the login listed them.</summary>
        public IReadOnlyList<string> Names => Volatile.Read(ref roots).Keys.OrderBy(name => name, StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>Each domain's host[:port] by name, as a hand-off carries them.</summary>
        public IReadOnlyDictionary<string, string> Hosts => Volatile.Read(ref roots).ToDictionary(pair => pair.Key, pair => pair.Value.Authority, StringComparer.OrdinalIgnoreCase);

        /// <summary>The domains' roots, for absolute URIs a user gives.</summary>
        public IEnumerable<Uri> Roots => Volatile.Read(ref roots).Values;

        /// <summary>The domains a login answered (name, host[:port]); an entry that is not a host is left out.</summary>
        public void Take(IEnumerable<KeyValuePair<string, string>> listed)
        {
            var taken = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in listed)
            {
                if (IsHost(pair.Value) && Uri.TryCreate(scheme + "://" + pair.Value.Trim() + "/", UriKind.Absolute, out var root) && root.AbsolutePath == "/")
                {
                    taken[pair.Key] = root;
                }
            }

            if (taken.Count > 0)
            {
                Volatile.Write(ref roots, taken);
            }
        }

        /// <summary>The root of the domain <paramref name="name"/>; an unknown name is Litmind.InvalidArgument naming the known ones.</summary>
        public Uri Resolve(string name)
        {
            var known = Volatile.Read(ref roots);
            if (known.TryGetValue(name, out var root))
            {
                return root;
            }

            throw Failures.InvalidArgument(known.Count == 0
                ? Messages.SessionHasNoDomains(service)
                : Messages.UnknownDomain(name, Names));
        }

        /// <summary>A host with an optional port, nothing else: no scheme, path, user information or white space.</summary>
        private static bool IsHost(string text) =>
            !string.IsNullOrWhiteSpace(text) && text.Trim().All(c => char.IsLetterOrDigit(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']');
    }
}
