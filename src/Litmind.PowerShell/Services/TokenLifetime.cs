using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Services.Definitions;

namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// Makes token snapshots with the end of their life, as the definition's lifetime says (a TTL, a
    /// JWT's exp), and when to renew them ahead of it; also the snapshots of sessions that did not
    /// log in here (resumed from a handle, rebuilt from a hand-off).
    /// </summary>
    internal sealed class TokenLifetime
    {
        private static readonly TimeSpan LongestLife = TimeSpan.FromDays(3650);

        private readonly CompiledService service;

        public TokenLifetime(CompiledService service)
        {
            this.service = service;
        }

        private ServiceDefinition Definition => service.Definition;

        /// <summary>
        /// A snapshot of the values, with the end of its life: <paramref name="knownEnd"/> when given
        /// (a hand-off says when the tokens it carries end), else from a TTL or a JWT's exp when the
        /// definition names one.
        /// </summary>
        public TokenSnapshot NewSnapshot(IReadOnlyDictionary<string, string> values, DateTimeOffset now, DateTimeOffset? knownEnd = null)
        {
            var lifetime = Definition.Lifetime;
            var refreshAhead = lifetime?.RefreshAhead ?? LifetimeDefinition.DefaultRefreshAhead;
            DateTimeOffset? expiresAt = knownEnd ?? EndOf(values, lifetime, now);
            DateTimeOffset? refreshAt = null;
            if (knownEnd != null)
            {
                // Tokens issued elsewhere, part of their life gone: renew as their first holder would, or now if that time has passed.
                refreshAt = knownEnd.Value - refreshAhead < now ? now : knownEnd.Value - refreshAhead;
            }
            else if (expiresAt > now)
            {
                var ahead = TimeSpan.FromTicks(Math.Min(refreshAhead.Ticks, (expiresAt.Value - now).Ticks / 2));
                refreshAt = expiresAt.Value - ahead;
            }

            return new TokenSnapshot(values, service.SecretCaptures, Definition.Handle, now, expiresAt, refreshAt);
        }

        /// <summary>The tokens of a session resumed from its handle (a Litmind session id), without logging in.</summary>
        public TokenSnapshot Resume(string handle, DateTimeOffset now)
        {
            if (Definition.Handle == null)
            {
                throw Failures.InvalidArgument(Messages.CannotResume(Definition.Name));
            }

            return new TokenSnapshot(new Dictionary<string, string> { [Definition.Handle] = handle }, service.SecretCaptures, Definition.Handle, now, null, null);
        }

        /// <summary>
        /// The tokens another session handed over: only the definition's captures are taken; their end
        /// is the one handed over, else a JWT's exp, and renewal is planned from it as after a login.
        /// </summary>
        public TokenSnapshot Restore(IReadOnlyDictionary<string, string> tokens, DateTimeOffset? expiresAt, DateTimeOffset now)
        {
            var captures = new HashSet<string>(new[] { Definition.Login, Definition.Refresh }.Where(e => e != null).SelectMany(e => e.Captures.Keys), StringComparer.Ordinal);
            var values = tokens.Where(pair => captures.Contains(pair.Key) && !string.IsNullOrEmpty(pair.Value)).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
            if (values.Count == 0)
            {
                throw Failures.InvalidArgument(Messages.HandOffIncomplete);
            }

            return NewSnapshot(values, now, expiresAt);
        }

        private static DateTimeOffset? EndOf(IReadOnlyDictionary<string, string> values, LifetimeDefinition lifetime, DateTimeOffset now)
        {
            if (lifetime?.Ttl != null && values.TryGetValue(lifetime.Ttl, out var ttl)
                && double.TryParse(ttl, NumberStyles.Float, CultureInfo.InvariantCulture, out var units) && units > 0)
            {
                return now + TimeSpan.FromTicks((long)Math.Min(units * lifetime.TtlUnit.Ticks, LongestLife.Ticks));
            }

            if (lifetime?.ExpiresAt != null && values.TryGetValue(lifetime.ExpiresAt, out var end))
            {
                return AbsoluteEnd(end, lifetime.ExpiresAtFormat);
            }

            return lifetime?.Jwt != null && values.TryGetValue(lifetime.Jwt, out var jwt) ? Jwt.ReadExpiry(jwt) : null;
        }

        /// <summary>The time an answer states a login ends, in its format; null when it does not read as one (the session then has no known end).</summary>
        private static DateTimeOffset? AbsoluteEnd(string text, TimeFormat format)
        {
            text = text.Trim();
            if (format == TimeFormat.Iso8601)
            {
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed : (DateTimeOffset?)null;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var units) || double.IsNaN(units) || double.IsInfinity(units))
            {
                return null;
            }

            double milliseconds = format == TimeFormat.UnixMilliseconds ? units : units * 1000;
            return Math.Abs(milliseconds) < 253402300799000 ? DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds) : (DateTimeOffset?)null;
        }
    }
}
