using System;
using System.Threading;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Services;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// Where one session stands: the token snapshot calls use now (replaced whole, never changed),
    /// whether the server has taken it, whether it is dead for good, whether the session is
    /// disconnected, and the health figures Get-LitmindSession shows. Safe from any thread.
    /// </summary>
    internal sealed class SessionState
    {
        private readonly object gate = new object();
        private TokenSnapshot current;
        private TokenSnapshot confirmed;
        private TokenSnapshot deadForGood;
        private bool disconnected;
        private long lastUsedTicks;
        private int lastStatusCode;
        private int reconnectCount;

        public SessionState(TokenSnapshot initial)
        {
            current = initial;
            CreatedAt = DateTimeOffset.Now;
            lastUsedTicks = CreatedAt.UtcTicks;
        }

        public DateTimeOffset CreatedAt { get; }

        /// <summary>The tokens calls use now; null once disconnected.</summary>
        public TokenSnapshot Current => Volatile.Read(ref current);

        public bool IsConnected
        {
            get { lock (gate) { return !disconnected; } }
        }

        public DateTimeOffset LastUsedAt => new DateTimeOffset(Interlocked.Read(ref lastUsedTicks), TimeSpan.Zero);

        public int LastStatusCode => Volatile.Read(ref lastStatusCode);

        public int ReconnectCount => Volatile.Read(ref reconnectCount);

        /// <summary>
        /// Whether <paramref name="snapshot"/> expired and could not be renewed because the server
        /// refused the stored credential: a call made with it fails at once, without being sent.
        /// </summary>
        public bool IsDeadForGood(TokenSnapshot snapshot) => snapshot != null && ReferenceEquals(Volatile.Read(ref deadForGood), snapshot);

        /// <summary>Whether the server has answered a call made with <paramref name="snapshot"/>.</summary>
        public bool IsConfirmed(TokenSnapshot snapshot) => ReferenceEquals(Volatile.Read(ref confirmed), snapshot);

        public void Confirm(TokenSnapshot snapshot) => Volatile.Write(ref confirmed, snapshot);

        /// <summary>Marks an expired snapshot that no renewal will replace.</summary>
        public void MarkDeadForGood(TokenSnapshot snapshot) => Volatile.Write(ref deadForGood, snapshot);

        /// <summary>Swaps in a new snapshot (a login, a join, a renewal); <paramref name="renewal"/> counts it as a reconnect.</summary>
        public void Publish(TokenSnapshot snapshot, bool renewal)
        {
            lock (gate)
            {
                ThrowIfDisconnectedLocked();
                Volatile.Write(ref current, snapshot);
                if (renewal)
                {
                    reconnectCount++;
                }
            }
        }

        public void Touch(int statusCode)
        {
            Interlocked.Exchange(ref lastUsedTicks, DateTimeOffset.UtcNow.UtcTicks);
            Volatile.Write(ref lastStatusCode, statusCode);
        }

        /// <summary>Forgets the tokens; false when the session was disconnected already.</summary>
        public bool Disconnect()
        {
            lock (gate)
            {
                if (disconnected)
                {
                    return false;
                }

                disconnected = true;
                Volatile.Write(ref current, null);
                Volatile.Write(ref confirmed, null);
                Volatile.Write(ref deadForGood, null);
                return true;
            }
        }

        public void ThrowIfDisconnected()
        {
            lock (gate)
            {
                ThrowIfDisconnectedLocked();
            }
        }

        private void ThrowIfDisconnectedLocked()
        {
            if (disconnected)
            {
                throw Failures.Disconnected();
            }
        }
    }
}
