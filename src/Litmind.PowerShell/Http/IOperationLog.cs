namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// Where the engine reports what it did (re-login, retry, wait). The cmdlet layer writes these
    /// to the verbose and debug streams on the pipeline thread; messages never contain secrets.
    /// </summary>
    internal interface IOperationLog
    {
        void Verbose(string message);

        void Debug(string message);

        void Warning(string message);
    }

    /// <summary>A log that drops everything, for callers that do not listen.</summary>
    internal sealed class NullOperationLog : IOperationLog
    {
        public static readonly NullOperationLog Instance = new NullOperationLog();

        public void Verbose(string message) { }

        public void Debug(string message) { }

        public void Warning(string message) { }
    }
}
