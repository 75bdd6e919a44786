namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// Where the engine reports what it did (re-login, retry, wait). The cmdlet layer writes these
    /// to the verbose and debug streams on the pipeline thread; messages never contain secrets.
    /// </summary>
    internal interface IOperationLog
    {
        /// <summary>False when nobody reads the messages: callers skip building the text of each call's messages.</summary>
        bool IsEnabled { get; }

        void Verbose(string message);

        void Debug(string message);
    }
}
