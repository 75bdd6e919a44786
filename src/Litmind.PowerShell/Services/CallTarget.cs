namespace Litmind.PowerShell.Services
{
    /// <summary>Where a call goes, as its authorization needs to know it.</summary>
    internal readonly struct CallTarget
    {
        public CallTarget(bool onOwnDomain, bool contentTypeGiven)
        {
            OnOwnDomain = onOwnDomain;
            ContentTypeGiven = contentTypeGiven;
        }

        /// <summary>A call to the session's base URI, the domain that set its cookies (not another of the service's domains).</summary>
        public bool OnOwnDomain { get; }

        /// <summary>Whether the user gave the body's media type (-ContentType), which the definition's does not replace.</summary>
        public bool ContentTypeGiven { get; }

        /// <summary>A call to the base URI whose body's media type the user left to the definition.</summary>
        public static CallTarget Own => new CallTarget(true, false);
    }
}
