namespace Litmind.PowerShell.Errors
{
    /// <summary>
    /// What kind of failure a <see cref="LitmindException"/> reports. The cmdlet layer maps each kind
    /// to a PowerShell ErrorCategory; the engine stays free of PowerShell types.
    /// </summary>
    public enum LitmindErrorKind
    {
        /// <summary>A failure with no better description.</summary>
        Unknown,
        /// <summary>The user gave input the module cannot use.</summary>
        InvalidArgument,
        /// <summary>Login was refused or credentials are missing.</summary>
        Authentication,
        /// <summary>The server refused the call for this account.</summary>
        PermissionDenied,
        /// <summary>The server does not know the resource.</summary>
        NotFound,
        /// <summary>Throttled, and retries ran out.</summary>
        LimitsExceeded,
        /// <summary>The server could not be reached or dropped the connection.</summary>
        Connection,
        /// <summary>The call took longer than its timeout.</summary>
        Timeout,
        /// <summary>The server's answer could not be understood.</summary>
        InvalidData,
        /// <summary>No session is available or the session was disconnected.</summary>
        NotConnected,
        /// <summary>The server answered with an error status.</summary>
        ServerError,
    }
}
