using System;
using System.Management.Automation;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Cmdlets
{
    /// <summary>
    /// Lets an account parameter take an account that arrives deserialized (Receive-Job,
    /// Import-Clixml); any other object is left as it is, so it does not bind.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class LitmindAccountTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc />
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) =>
            inputData is PSObject wrapped && !(wrapped.BaseObject is LitmindAccount) && DeserializedObject.Claims(wrapped, typeof(LitmindAccount))
                ? DeserializedObject.ReadAccount(wrapped) ?? inputData
                : inputData;
    }
}
