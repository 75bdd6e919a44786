using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// The sessions one runspace holds and which of them is the default (the latest connected).
    /// One store per runspace, found through <see cref="For"/>: two runspaces never share a
    /// default session, and a session handed over explicitly works anywhere.
    /// </summary>
    internal sealed class SessionStore
    {
        // Keyed on the runspace object and collected with it: no process-wide session state.
        private static readonly ConditionalWeakTable<object, SessionStore> Stores = new ConditionalWeakTable<object, SessionStore>();

        private readonly object gate = new object();
        private readonly List<LitmindSession> sessions = new List<LitmindSession>();

        /// <summary>
        /// The clock the sessions connected in this runspace plan their renewals by: the system's,
        /// unless a test moves time for them (as it moves the emulator's) instead of waiting.
        /// </summary>
        public System.Func<System.DateTimeOffset> UtcNow { get; set; } = SessionSettings.SystemClock;

        /// <summary>The store of the given runspace (or any other owner object).</summary>
        public static SessionStore For(object owner) => Stores.GetValue(owner, _ => new SessionStore());

        public LitmindSession Default
        {
            get
            {
                lock (gate)
                {
                    return sessions.Count == 0 ? null : sessions[sessions.Count - 1];
                }
            }
        }

        public IReadOnlyList<LitmindSession> All
        {
            get
            {
                lock (gate)
                {
                    return sessions.ToArray();
                }
            }
        }

        /// <summary>
        /// Adds the session, or moves it to the end, making it the default. A session rebuilt from a
        /// hand-off belongs to the hand-off object it came from, never to a runspace: it is not added.
        /// </summary>
        public void SetDefault(LitmindSession session)
        {
            if (SessionHandOff.OriginOf(session) != null)
            {
                return;
            }

            lock (gate)
            {
                sessions.Remove(session);
                sessions.Add(session);
            }
        }

        public bool Remove(LitmindSession session)
        {
            lock (gate)
            {
                return sessions.Remove(session);
            }
        }
    }
}
