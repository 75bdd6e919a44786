using System;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Services.Definitions;

namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// What a process's environment says about a service, read by the variable names its definition
    /// gives (Litmind: LITMIND_BASE_URI and LITMIND_API_KEY). Connect-Litmind and a session rebuilt
    /// from a hand-off read it the same way, so the API root a secret from the environment belongs
    /// to is the one Connect-Litmind would use.
    /// </summary>
    internal sealed class ServiceEnvironment
    {
        private readonly Func<string, string> variables;

        /// <param name="variables">Reads one environment variable by name; null when it is not set.</param>
        public ServiceEnvironment(Func<string, string> variables)
        {
            this.variables = variables;
        }

        /// <summary>This process's environment variables.</summary>
        public static ServiceEnvironment Process { get; } = new ServiceEnvironment(Environment.GetEnvironmentVariable);

        /// <summary>The value of <paramref name="variable"/>; null when the variable is not set or no variable is named.</summary>
        public string Read(string variable) => variable == null ? null : variables(variable);

        /// <summary>
        /// The API root a user who gives none means: the definition's environment variable, else its
        /// default. A variable that is not an absolute URI, or a service with neither, is an error.
        /// </summary>
        public Uri BaseUri(ServiceDefinition service)
        {
            string fromEnvironment = Read(service.BaseUriEnvironment);
            if (string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return service.BaseUri ?? throw Failures.InvalidArgument(Messages.ServiceHasNoBaseUri(service.Name));
            }

            if (!Uri.TryCreate(fromEnvironment.Trim(), UriKind.Absolute, out var uri))
            {
                throw Failures.InvalidArgument(Messages.BaseUriNotAbsolute(fromEnvironment));
            }

            return uri;
        }
    }
}
