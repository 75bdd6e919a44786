namespace Litmind.PowerShell.Http
{
    /// <summary>The log of a call nobody listens to (verbose and debug both off): it drops every message.</summary>
    internal sealed class NullOperationLog : IOperationLog
    {
        public static readonly NullOperationLog Instance = new NullOperationLog();

        private NullOperationLog()
        {
        }

        public bool IsEnabled => false;

        public void Verbose(string message)
        {
        }

        public void Debug(string message)
        {
        }
    }
}
