using System;
using System.Runtime.InteropServices;
using System.Security;

namespace Litmind.PowerShell.Secrets
{
    /// <summary>
    /// Turns SecureStrings into plain text only for the moment a request is built, and back.
    /// </summary>
    internal static class SecretText
    {
        public static string Reveal(SecureString secret)
        {
            if (secret == null || secret.Length == 0)
            {
                return string.Empty;
            }

            IntPtr buffer = IntPtr.Zero;
            try
            {
                buffer = Marshal.SecureStringToGlobalAllocUnicode(secret);
                return Marshal.PtrToStringUni(buffer);
            }
            finally
            {
                if (buffer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(buffer);
                }
            }
        }

        public static SecureString Protect(string plain)
        {
            var secret = new SecureString();
            if (plain != null)
            {
                foreach (char c in plain)
                {
                    secret.AppendChar(c);
                }
            }

            secret.MakeReadOnly();
            return secret;
        }

        /// <summary>A short, non-reversible hint of a secret for display: its first four characters.</summary>
        public static string Hint(string secret)
        {
            if (string.IsNullOrEmpty(secret))
            {
                return string.Empty;
            }

            return secret.Length <= 8 ? "****" : secret.Substring(0, 4) + "…";
        }
    }
}
