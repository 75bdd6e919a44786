namespace Litmind.PowerShell.Errors
{
    /// <summary>The stable ErrorIds the module's ErrorRecords carry; scripts and tests match on them.</summary>
    public static class ErrorIds
    {
        /// <summary>Login was refused.</summary>
        public const string LoginFailed = "Litmind.LoginFailed";
        /// <summary>No session: run Connect-Litmind.</summary>
        public const string NotConnected = "Litmind.NotConnected";
        /// <summary>The session expired and could not be renewed.</summary>
        public const string SessionExpired = "Litmind.SessionExpired";
        /// <summary>The server answered with an error status, or a success status whose body reports a failure.</summary>
        public const string HttpError = "Litmind.HttpError";
        /// <summary>The server's answer could not be understood.</summary>
        public const string InvalidResponse = "Litmind.InvalidResponse";
        /// <summary>The user's input cannot be used.</summary>
        public const string InvalidArgument = "Litmind.InvalidArgument";
        /// <summary>No API key (or other secret the service needs) was given.</summary>
        public const string MissingApiKey = "Litmind.MissingApiKey";
        /// <summary>The account is not logged into the session.</summary>
        public const string UnknownAccount = "Litmind.UnknownAccount";
        /// <summary>The server could not be reached.</summary>
        public const string ConnectionFailed = "Litmind.ConnectionFailed";
        /// <summary>The call timed out.</summary>
        public const string Timeout = "Litmind.Timeout";
        /// <summary>Throttling or transient faults outlasted the retries.</summary>
        public const string RetriesExhausted = "Litmind.RetriesExhausted";
        /// <summary>Secrets would travel unencrypted.</summary>
        public const string InsecureTransport = "Litmind.InsecureTransport";
        /// <summary>An absolute URI points at another host than the session's.</summary>
        public const string ForeignHost = "Litmind.ForeignHost";
        /// <summary>A service definition (built-in or a user's file) is malformed.</summary>
        public const string InvalidServiceDefinition = "Litmind.InvalidServiceDefinition";
        /// <summary>The login endpoint is not where the base URI says: the address is wrong, not the credentials.</summary>
        public const string LoginEndpointNotFound = "Litmind.LoginEndpointNotFound";
        /// <summary>The -OutFile path cannot be written (a folder, a missing folder, no permission).</summary>
        public const string OutFileNotWritable = "Litmind.OutFileNotWritable";
        /// <summary>The -InFile, or a file in -Form (or a FileInfo -Body), cannot be read (missing, a folder, no permission).</summary>
        public const string InFileNotReadable = "Litmind.InFileNotReadable";
        /// <summary>A retry or a replay after a new login needed the body again, and its stream cannot be read twice.</summary>
        public const string BodyNotReplayable = "Litmind.BodyNotReplayable";
    }
}
