using System;
using System.Collections.Generic;
using System.Linq;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services.Definitions;

namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// A service definition compiled once into what every session of the service runs: the
    /// definition, the parts of its interpreter (how requests are rendered and authorized, how
    /// answers read, how logins, refreshes and logouts go, how accounts and lifetimes are read),
    /// and the sets derived from it (the headers that carry secrets, the answer fields the envelope
    /// is read by). Immutable and shared by every session and runspace.
    /// </summary>
    internal sealed class CompiledService
    {
        private readonly HashSet<string> headerReferences;

        private CompiledService(ServiceDefinition definition, string text, string file, bool builtIn)
        {
            Definition = definition;
            Text = text;
            File = file;
            IsBuiltIn = builtIn;

            var requests = new RequestDefinition[] { definition.Login, definition.Refresh, definition.Logout }.Where(r => r != null).ToList();
            var authorizations = new[] { definition.Authorize, definition.KeyAuthorize }.Where(a => a != null).ToList();
            SecretHeaders = requests.SelectMany(r => r.Headers).Concat(authorizations.SelectMany(a => a.Headers))
                .Where(header => header.Value.References.Any(r => r.Source != ValueReference.Parameter && r.Source != ValueReference.Account))
                .Select(header => header.Key)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            headerReferences = new HashSet<string>(
                requests.SelectMany(r => r.Headers.Concat(r.Cookies)).Concat(authorizations.SelectMany(a => a.Headers.Concat(a.Cookies)))
                    .SelectMany(pair => pair.Value.References)
                    .Select(r => r.Source + "." + r.Name),
                StringComparer.Ordinal);
            cookieReferences = new HashSet<string>(
                requests.SelectMany(r => r.Cookies).Concat(authorizations.SelectMany(a => a.Cookies))
                    .SelectMany(pair => pair.Value.References)
                    .Select(r => r.Source + "." + r.Name),
                StringComparer.Ordinal);
            SecretCaptures = new[] { definition.Login, definition.Refresh }.Where(e => e != null)
                .SelectMany(e => e.Captures.Values).Where(c => c.Secret).Select(c => c.Name).Distinct().ToList();

            // The top-level fields an answer is read by (envelope, expiry, hints): only these are kept as tokens.
            var envelope = definition.Envelope ?? EnvelopeDefinition.None;
            var answerPaths = new[] { envelope.Success }.Concat(envelope.Message).Concat(envelope.Code)
                .Concat(definition.Expired.Rules.Select(rule => rule.Field))
                .Concat(definition.Hints.Select(hint => hint.Match?.Field));
            AnswerFields = new HashSet<string>(answerPaths.Where(path => path != null).Select(path => path.Split('.')[0]), StringComparer.Ordinal);

            Renderer = new RequestRenderer(this);
            Answers = new AnswerReader(this);
            Lifetimes = new TokenLifetime(this);
            Accounts = new AccountReader(this);
            Exchanges = new ServiceExchanges(this);
        }

        private readonly HashSet<string> cookieReferences;

        public ServiceDefinition Definition { get; }

        public string Name => Definition.Name;

        /// <summary>Whether the module ships the definition (trusted: it may read secrets from the environment for its own host).</summary>
        public bool IsBuiltIn { get; }

        /// <summary>The definition's text as validated; a hand-off of a user's service carries it, so the receiving side reads no file.</summary>
        public string Text { get; }

        /// <summary>The file a user's definition was read from, for messages; null for a built-in one or one rebuilt from a hand-off.</summary>
        public string File { get; }

        /// <summary>The request headers that carry secrets; debug output shows them redacted.</summary>
        public IReadOnlyCollection<string> SecretHeaders { get; }

        /// <summary>The names of the captures that are secrets (a session id, a bearer): masked in all output.</summary>
        public IReadOnlyCollection<string> SecretCaptures { get; }

        /// <summary>The top-level fields of an answer the definition reads; converting an answer keeps these as tokens.</summary>
        public ICollection<string> AnswerFields { get; }

        public RequestRenderer Renderer { get; }

        public AnswerReader Answers { get; }

        public TokenLifetime Lifetimes { get; }

        public AccountReader Accounts { get; }

        public ServiceExchanges Exchanges { get; }

        /// <summary>Whether more accounts can log into one session.</summary>
        public bool CanJoin => Definition.Accounts?.Join != null;

        /// <summary>Whether the service renews tokens without a new login.</summary>
        public bool CanRefresh => Definition.Refresh != null;

        public static CompiledService BuiltIn(ServiceDefinition definition) => new CompiledService(definition, null, null, builtIn: true);

        public static CompiledService User(ServiceDefinition definition, string text, string file) => new CompiledService(definition, text, file, builtIn: false);

        /// <summary>Throws Litmind.MissingApiKey when a secret every call needs was not given.</summary>
        public void RequireSecrets(SecretBag secrets, bool keyMode)
        {
            var authorization = keyMode ? Definition.KeyAuthorize : Definition.Authorize;
            var missing = authorization.Headers.Concat(authorization.Cookies)
                .SelectMany(pair => pair.Value.References)
                .FirstOrDefault(r => r.Source == ValueReference.Secret && !r.Optional && !secrets.Has(r.Name));
            if (missing != null)
            {
                var secret = Definition.Secrets[missing.Name];
                throw Failures.MissingSecret(Messages.MissingSecret(Name, secret.Label, secret.Parameter, secret.Environment));
            }
        }

        /// <summary>
        /// Refuses, before anything is sent, a secret that would go into a header and cannot (a line
        /// break would add headers or end the header block); <paramref name="source"/> names where
        /// each came from (-ApiKey, $env:LITMIND_API_KEY, a hand-off).
        /// </summary>
        public void CheckSecrets(SecretBag secrets, Func<SecretDefinition, string> source)
        {
            foreach (var secret in Definition.Secrets.Values.Where(s => secrets.Has(s.Name)))
            {
                CheckHeaderValue(ValueReference.Secret, secret.Name, secrets.Reveal(secret.Name), source(secret), Failures.InvalidArgument);
            }
        }

        /// <summary>Refuses, before anything is sent, a session handle (a Litmind session id) that would go into a header and cannot.</summary>
        public void CheckHandle(string handle, string source)
        {
            if (Definition.Handle != null)
            {
                CheckToken(Definition.Handle, handle, source, Failures.InvalidArgument);
            }
        }

        /// <summary>
        /// Refuses a token that would go into a header or cookie and cannot (a line break, a control
        /// character, a ';' in a cookie): the failure <paramref name="fail"/> makes says where it came from.
        /// </summary>
        public void CheckToken(string name, string value, string source, Func<string, LitmindException> fail) =>
            CheckHeaderValue(ValueReference.Token, name, value, source, fail);

        private void CheckHeaderValue(string referenceSource, string name, string value, string source, Func<string, LitmindException> fail)
        {
            string reference = referenceSource + "." + name;
            if (headerReferences.Contains(reference))
            {
                string problem = HeaderRules.Problem(value, source);
                if (problem == null && cookieReferences.Contains(reference) && value != null && value.IndexOf(';') >= 0)
                {
                    problem = Messages.CookieValueUnsafe(source);
                }

                if (problem != null)
                {
                    throw fail(problem);
                }
            }
        }
    }
}
