using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// The accounts of one session, in login order, with the credentials kept to log them in again.
    /// The list is replaced whole, never changed, so a call in flight reads a consistent one; every
    /// credential it drops is disposed.
    /// </summary>
    internal sealed class AccountBook
    {
        /// <summary>How many accounts a message lists before it says how many more there are.</summary>
        private const int ListedInMessages = 10;

        private readonly object gate = new object();
        private AccountEntry[] entries;
        private bool credentialsRefused;

        public AccountBook(IEnumerable<AccountEntry> initial)
        {
            entries = initial.ToArray();
        }

        public IReadOnlyList<AccountEntry> Entries => Volatile.Read(ref entries);

        public IReadOnlyList<LitmindAccount> Accounts => Entries.Select(a => a.Account).ToArray();

        public AccountEntry Primary => Entries.FirstOrDefault();

        /// <summary>The accounts the session logged in itself (not learned from the server's list), which a renewal logs in again.</summary>
        public IReadOnlyList<AccountEntry> Own => Entries.Where(a => !a.Learned).ToList();

        /// <summary>Whether every account the session logged in itself has a credential to log in again.</summary>
        public bool HaveCredentials
        {
            get
            {
                var own = Own;
                return own.Count > 0 && own.All(a => a.Credential != null);
            }
        }

        /// <summary>Whether the server refused the stored credentials: they were dropped and are never tried again.</summary>
        public bool CredentialsRefused => Volatile.Read(ref credentialsRefused);

        /// <summary>The account a call acts as: the one with <paramref name="id"/> (as the service has ids), or the primary one when null.</summary>
        public AccountEntry Find(object id)
        {
            var all = Entries;
            if (id == null)
            {
                return all.FirstOrDefault() ?? throw Failures.UnknownAccount("(none)", Describe(all));
            }

            return all.FirstOrDefault(a => Equals(a.Record.Id, id))
                ?? throw Failures.UnknownAccount(Convert.ToString(id, CultureInfo.InvariantCulture), Describe(all));
        }

        /// <summary>Records an account logged in (first or joining), replacing one with the same id.</summary>
        public void Add(ServiceAccount account, LoginCredential credential)
        {
            lock (gate)
            {
                var updated = entries.ToList();
                int existing = updated.FindIndex(a => Equals(a.Record.Id, account.Id));
                var entry = new AccountEntry(account, credential);
                if (existing >= 0)
                {
                    updated[existing].Credential?.Dispose();
                    updated[existing] = entry;
                }
                else
                {
                    updated.Add(entry);
                }

                Volatile.Write(ref entries, updated.ToArray());
            }
        }

        /// <summary>Takes the server's list of the session's accounts: known ones get their names, unknown ones become usable.</summary>
        public void Learn(IEnumerable<ServiceAccount> listed)
        {
            lock (gate)
            {
                var updated = entries.ToList();
                foreach (var account in listed)
                {
                    int index = updated.FindIndex(a => Equals(a.Record.Id, account.Id));
                    if (index >= 0)
                    {
                        updated[index] = new AccountEntry(account, updated[index].Credential, updated[index].Learned);
                    }
                    else
                    {
                        updated.Add(new AccountEntry(account, null, learned: true));
                    }
                }

                Volatile.Write(ref entries, updated.ToArray());
            }
        }

        /// <summary>The accounts of a renewed session (learned ones drop out: they are not in the new server session).</summary>
        public void Replace(IEnumerable<AccountEntry> renewed)
        {
            lock (gate)
            {
                Volatile.Write(ref entries, renewed.ToArray());
            }
        }

        /// <summary>
        /// The server refused a stored credential: every stored credential is disposed and dropped,
        /// so no later call or renewal replays it against the account (a lockout in the making).
        /// </summary>
        public void DropCredentials()
        {
            lock (gate)
            {
                foreach (var entry in entries)
                {
                    entry.Credential?.Dispose();
                }

                Volatile.Write(ref entries, entries.Select(e => e.Credential == null ? e : e.WithCredential(null)).ToArray());
                Volatile.Write(ref credentialsRefused, true);
            }
        }

        /// <summary>Disposes every stored credential (the session is disconnected).</summary>
        public void DisposeCredentials()
        {
            lock (gate)
            {
                foreach (var entry in entries)
                {
                    entry.Credential?.Dispose();
                }
            }
        }

        /// <summary>The accounts for a message: the first few, then how many more (a hand-off may carry thousands).</summary>
        private static string Describe(IReadOnlyList<AccountEntry> all)
        {
            string listed = string.Join(", ", all.Take(ListedInMessages).Select(a => a.Account.ToString()));
            return all.Count <= ListedInMessages ? listed : Messages.AndMore(listed, all.Count - ListedInMessages);
        }
    }
}
