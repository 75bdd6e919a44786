using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Services.Definitions;

namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// The services the module knows: the built-in definitions (Litmind, the default), a user's own
    /// definition files, and the definitions hand-offs carry. The built-ins are embedded in the
    /// assembly, so what the module does never depends on a file a user may edit; the same files
    /// are laid out in the module's Services folder for users to read and copy as the start of
    /// their own. Every definition is compiled once, as it is read.
    /// </summary>
    internal static class ServiceCatalog
    {
        public const string DefaultName = "Litmind";

        /// <summary>The most a definition's text may weigh: the built-ins are a few KB, and a hand-off's text is data that may be forged.</summary>
        public const int MaximumDefinitionChars = 256 * 1024;

        private const string ResourcePrefix = "Litmind.PowerShell.Services.";

        private static readonly Lazy<IReadOnlyDictionary<string, CompiledService>> BuiltIns =
            new Lazy<IReadOnlyDictionary<string, CompiledService>>(LoadBuiltIns);

        /// <summary>The names of the built-in services, the default first.</summary>
        public static IReadOnlyList<string> Names =>
            BuiltIns.Value.Keys.OrderBy(name => name == DefaultName ? 0 : 1).ThenBy(name => name, StringComparer.OrdinalIgnoreCase).ToList();

        public static CompiledService Default => BuiltIns.Value[DefaultName];

        /// <summary>A built-in service by name (any case); an unknown name is an error that lists the built-in ones.</summary>
        public static CompiledService Get(string name)
        {
            var match = BuiltIns.Value.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase));
            return match.Value ?? throw Failures.InvalidArgument(Messages.UnknownService(name, Names));
        }

        /// <summary>A built-in name, or else the path of a definition file.</summary>
        public static CompiledService Resolve(string nameOrPath) => IsPath(nameOrPath) ? Load(nameOrPath) : Get(nameOrPath);

        /// <summary>Whether -Service names a file (it has a directory separator or ends in .json) rather than a built-in service.</summary>
        public static bool IsPath(string nameOrPath) =>
            nameOrPath.IndexOfAny(new[] { '/', '\\' }) >= 0 || nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

        /// <summary>Reads, validates and compiles a user's definition file (-Service path).</summary>
        public static CompiledService Load(string path)
        {
            if (Directory.Exists(path))
            {
                throw Failures.InvalidArgument(Messages.ServiceFileUnreadable(path, Messages.ServiceFileIsFolder));
            }

            string json;
            try
            {
                json = ReadCapped(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw Failures.InvalidArgument(Messages.ServiceFileUnreadable(path, ex.Message));
            }

            return CompiledService.User(ServiceDefinitionReader.Read(json, path, Names), json, path);
        }

        /// <summary>
        /// The definition a hand-off carries for the service it names: checked like a user's file
        /// (never a built-in's name), bounded in size, and read from the text alone: no file.
        /// </summary>
        public static CompiledService FromHandOff(string name, string text)
        {
            if (text.Length > MaximumDefinitionChars)
            {
                throw Failures.InvalidArgument(Messages.HandOffDefinitionTooLarge(MaximumDefinitionChars / 1024));
            }

            var definition = ServiceDefinitionReader.Read(text, Messages.HandOffDefinitionSource, Names);
            return string.Equals(definition.Name, name, StringComparison.Ordinal)
                ? CompiledService.User(definition, text, null)
                : throw Failures.InvalidArgument(Messages.HandOffOtherService(definition.Name, name));
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

        internal static IEnumerable<string> BuiltInResources() =>
            typeof(ServiceCatalog).Assembly.GetManifestResourceNames()
                .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal));

        /// <summary>A file's text, refused past the size a definition can have (a log file given by mistake, a device).</summary>
        private static string ReadCapped(string path)
        {
            using (var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
            {
                var buffer = new char[MaximumDefinitionChars + 1];
                int read = reader.ReadBlock(buffer, 0, buffer.Length);
                if (read > MaximumDefinitionChars)
                {
                    throw new IOException(Messages.ServiceFileTooLarge(MaximumDefinitionChars / 1024));
                }

                return new string(buffer, 0, read);
            }
        }

        private static IReadOnlyDictionary<string, CompiledService> LoadBuiltIns()
        {
            var services = new Dictionary<string, CompiledService>(StringComparer.Ordinal);
            foreach (var resource in BuiltInResources())
            {
                var definition = ServiceDefinitionReader.Read(ReadBuiltIn(resource), "built-in " + resource.Substring(ResourcePrefix.Length));
                services[definition.Name] = CompiledService.BuiltIn(definition);
            }

            return services;
        }
    }
}
