namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// An account as a service's answers describe it (a login's profile, an entry of the account
    /// list), read by the definition's paths; the session layer shows it as a LitmindAccount.
    /// </summary>
    internal sealed class ServiceAccount
    {
        public ServiceAccount(long id, string name, string type, string thumbnail)
        {
            Id = id;
            Name = name;
            Type = type;
            Thumbnail = thumbnail;
        }

        /// <summary>The id calls act as; 0 for a service whose accounts have none.</summary>
        public long Id { get; }

        public string Name { get; }

        public string Type { get; }

        public string Thumbnail { get; }
    }
}
