using System;
using System.Globalization;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>An account logged into a Litmind session.</summary>
    public sealed class LitmindAccount
    {
        /// <summary>Creates an account record.</summary>
        public LitmindAccount(object id, string username, string typeTitle, string thumbnailUrl)
        {
            Id = id;
            Username = username;
            TypeTitle = typeTitle;
            ThumbnailUrl = thumbnailUrl;
        }

        /// <summary>The account's id as its service has it (an Int64 for Litmind; text such as an email for a service whose ids are text); calls act as it with -UserId.</summary>
        public object Id { get; }

        /// <summary>The account's user name.</summary>
        public string Username { get; }

        /// <summary>The kind of account, e.g. "Production company", "Model agency", "Model".</summary>
        public string TypeTitle { get; }

        /// <summary>The URL of the account's profile thumbnail, when it has one.</summary>
        public string ThumbnailUrl { get; }

        /// <summary>An account as the service's answers describe it.</summary>
        internal static LitmindAccount From(Services.ServiceAccount account) =>
            new LitmindAccount(account.Id, account.Name, account.Type, account.Thumbnail);

        /// <inheritdoc />
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} ({1})", Username, Id);
    }
}
