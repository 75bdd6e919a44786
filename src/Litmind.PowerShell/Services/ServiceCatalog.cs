using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Litmind.PowerShell.Errors;

namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// The services the module knows: the built-in definitions (Litmind, the default) and a user's
    /// own definition files. The built-ins are embedded in the assembly, so what the module does
    /// never depends on a file a user may edit; the same files are laid out in the module's
    /// Services folder for users to read and copy as the start of their own.
    /// </summary>
    internal static class ServiceCatalog
    {
        public const string DefaultName = "Litmind";

        private const string ResourcePrefix = "Litmind.PowerShell.Services.";

        private static readonly Lazy<IReadOnlyDictionary<string, ServiceDefinition>> BuiltIns =
            new Lazy<IReadOnlyDictionary<string, ServiceDefinition>>(LoadBuiltIns);

        /// <summary>The names of the built-in services, the default first.</summary>
        public static IReadOnlyList<string> Names =>
            BuiltIns.Value.Keys.OrderBy(name => name == DefaultName ? 0 : 1).ThenBy(name => name, StringComparer.OrdinalIgnoreCase).ToList();

        public static ServiceDefinition Default => BuiltIns.Value[DefaultName];

        /// <summary>A built-in service by name (any case); an unknown name is an error that lists the built-in ones.</summary>
        public static ServiceDefinition Get(string name)
        {
            var match = BuiltIns.Value.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase));
            return match.Value ?? throw Failures.InvalidArgument(Messages.UnknownService(name, Names));
        }

        /// <summary>A built-in name, or else the path of a definition file.</summary>
        public static ServiceDefinition Resolve(string nameOrPath)
        {
            bool looksLikePath = nameOrPath.IndexOfAny(new[] { '/', '\\' }) >= 0 || nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            return looksLikePath ? Load(nameOrPath) : Get(nameOrPath);
        }

        /// <summary>Reads and validates a user's definition file.</summary>
        public static ServiceDefinition Load(string path)
        {
            string json;
            try
            {
                json = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw Failures.InvalidArgument(Messages.ServiceFileUnreadable(path, ex.Message));
            }

            return ServiceDefinitionReader.Read(json, path);
        }

        /// <summary>The text of a built-in definition, as shipped.</summary>
        internal static string ReadBuiltIn(string resourceName)
        {
            using (var stream = typeof(ServiceCatalog).Assembly.GetManifestResourceStream(resourceName))
            using (var reader = new StreamReader(stream))
            {
                return reader.ReadToEnd();
            }
        }

        private static IReadOnlyDictionary<string, ServiceDefinition> LoadBuiltIns()
        {
            var definitions = new Dictionary<string, ServiceDefinition>(StringComparer.Ordinal);
            foreach (var resource in BuiltInResources())
            {
                var definition = ServiceDefinitionReader.Read(ReadBuiltIn(resource), "built-in " + resource.Substring(ResourcePrefix.Length));
                definitions[definition.Name] = definition;
            }

            return definitions;
        }

        internal static IEnumerable<string> BuiltInResources() =>
            typeof(ServiceCatalog).Assembly.GetManifestResourceNames()
                .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal));
    }
}
