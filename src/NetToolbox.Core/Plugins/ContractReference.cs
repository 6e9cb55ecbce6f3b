using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NetToolbox.Core.Plugins;

/// <summary>Reads which contract version a plugin assembly references, from its metadata, without loading it.</summary>
internal static class ContractReference
{
    private const string ContractAssemblyName = "NetToolbox.Contracts";

    /// <summary>The referenced NetToolbox.Contracts version, or null when the file is not a .NET assembly or references none.</summary>
    public static Version? Read(string assemblyPath)
    {
        try
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return null;
            }

            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetAssemblyReference(handle);
                if (metadata.StringComparer.Equals(reference.Name, ContractAssemblyName))
                {
                    return reference.Version;
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is BadImageFormatException or IOException or InvalidOperationException)
        {
            return null;
        }
    }
}
