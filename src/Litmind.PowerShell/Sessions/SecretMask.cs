using System;
using System.Collections.Generic;
using System.Linq;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Secrets;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// The secrets one cmdlet knows (every secret its session holds, whatever the service, and the
    /// secrets and password it was given) and their replacement in everything the cmdlet writes: a
    /// server that quotes the request's headers in an error must not put them on the screen.
    /// Secrets are read when text is masked, so a renewed token is masked too.
    /// </summary>
    internal sealed class SecretMask
    {
        /// <summary>Shorter secrets are not masked: they would mangle ordinary words.</summary>
        private const int MinimumLength = 4;

        private readonly List<Func<IEnumerable<string>>> tokens = new List<Func<IEnumerable<string>>>();
        private readonly List<Func<IEnumerable<string>>> passwords = new List<Func<IEnumerable<string>>>();

        // A cmdlet meets the same session and the same -Headers value once per piped item: each
        // source is kept once, so masking costs the same for the ten-thousandth item as for the first.
        private readonly HashSet<SessionEngine> engines = new HashSet<SessionEngine>();
        private readonly HashSet<string> givenValues = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Every secret the session holds (see <see cref="Add(SessionEngine)"/>).</summary>
        public void Add(LitmindSession session) => Add(session.Engine);

        /// <summary>
        /// Every secret the engine holds: its service's secrets (an API key, a client id and secret),
        /// the values its logins and refreshes captured as secret (a session id, a bearer, a csrf
        /// token, a cookie, a JWT, a refresh token) and the passwords it keeps for re-login.
        /// </summary>
        public void Add(SessionEngine engine)
        {
            if (!engines.Add(engine))
            {
                return;
            }

            tokens.Add(() =>
            {
                var snapshot = engine.State.Current;
                var held = snapshot == null ? Enumerable.Empty<string>() : snapshot.SecretValues.Append(snapshot.Handle);
                return engine.Settings.Secrets.RevealAll().Concat(held);
            });
            passwords.Add(() => engine.Accounts.Entries.Where(e => e.Credential != null).Select(e => SecretText.Reveal(e.Credential.Password)));
        }

        /// <summary>A key or session id the cmdlet was given (not yet part of a session), read when needed.</summary>
        public void AddToken(Func<string> reveal) => tokens.Add(() => new[] { reveal() });

        /// <summary>A secret the cmdlet was given as a value (a secret-looking header); each value is kept once.</summary>
        public void AddToken(string value)
        {
            if (value != null && givenValues.Add(value))
            {
                tokens.Add(() => new[] { value });
            }
        }

        /// <summary>A password the cmdlet was given, read when needed.</summary>
        public void AddPassword(Func<string> reveal) => passwords.Add(() => new[] { reveal() });

        /// <summary>Text the module composed or relays (messages, verbose, debug): every secret is masked.</summary>
        public string Apply(string text) => Replace(text, Reveal(includePasswords: true));

        /// <summary>A failure with its message and the server's text masked; the same object when nothing needed it.</summary>
        public LitmindException Apply(LitmindException failure)
        {
            var secrets = Reveal(includePasswords: true);
            bool changed = false;
            var masked = failure.Rewritten(text =>
            {
                string replaced = Replace(text, secrets);
                changed |= !ReferenceEquals(replaced, text) && replaced != text;
                return replaced;
            });
            return changed ? masked : failure;
        }

        /// <summary>
        /// What masks the machine-made tokens in the strings of one answer converted as it is read
        /// (passwords are not masked there, since a short one could match ordinary data): the
        /// secrets are read once, at the first string (after any renewal the call made).
        /// </summary>
        public Func<string, string> AnswerMasker()
        {
            List<string> secrets = null;
            return text => Replace(text, secrets ?? (secrets = Reveal(includePasswords: false)));
        }

        /// <summary>An answer written as text (-Raw): machine-made tokens masked.</summary>
        public string ApplyToAnswer(string text) => Replace(text, Reveal(includePasswords: false));

        private List<string> Reveal(bool includePasswords)
        {
            var found = new List<string>();
            foreach (var source in includePasswords ? tokens.Concat(passwords) : tokens)
            {
                try
                {
                    foreach (var secret in source())
                    {
                        if (secret != null && secret.Length >= MinimumLength)
                        {
                            // A server may quote a secret as it travelled in a query or a form body.
                            found.Add(secret);
                            found.Add(Uri.EscapeDataString(secret));
                            found.Add(RequestBody.FormEscape(secret));
                        }
                    }
                }
                catch (Exception ex) when (ex is LitmindException || ex is ObjectDisposedException)
                {
                    // A disconnected session or a disposed secret has nothing left to reveal.
                }
            }

            // Longest first, so a secret that contains another is masked whole.
            return found.Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToList();
        }

        private static string Replace(string text, List<string> secrets)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }

            foreach (var secret in secrets)
            {
                if (text.IndexOf(secret, StringComparison.Ordinal) >= 0)
                {
                    text = text.Replace(secret, HeaderRedaction.Redacted);
                }
            }

            return text;
        }
    }
}
