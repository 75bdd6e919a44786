namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// An account as a service's answers describe it (a login's profile, an entry of the account
    /// list), read by the definition's paths; the session layer shows it as a LitmindAccount.
    /// </summary>
    internal sealed class ServiceAccount
    {
        public ServiceAccount(object id, string name, string type, string thumbnail)
        {
            Id = id;
            Name = name;
            Type = type;
            Thumbnail = thumbnail;
        }

        /// <summary>The id calls act as, as the service has it: an Int64, or a string (an email, a GUID); 0 for a service whose accounts have none.</summary>
        public object Id { get; }

        /// <summary>The id as text, for headers, paths and messages.</summary>
        public string IdText => System.Convert.ToString(Id, System.Globalization.CultureInfo.InvariantCulture);

        public string Name { get; }

        public string Type { get; }

        public string Thumbnail { get; }
    }
}
