using System.Security.Cryptography;

namespace Dataspace.Connector.Identity;

/// <summary>The participant's ES256 (P-256) signing key, created on first start and kept in its data folder.</summary>
public static class ParticipantKey
{
    /// <summary>The key file's name inside the data folder.</summary>
    public const string FileName = "participant-key.pem";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Loads the key from <paramref name="dataFolder"/>, creating it (mode 0600) if there is none.</summary>
    public static ECDsa LoadOrCreate(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        var path = Path.Combine(dataFolder, FileName);
        var key = ECDsa.Create();
        if (File.Exists(path))
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
                File.SetUnixFileMode(path, OwnerOnly);
            key.ImportFromPem(File.ReadAllText(path));
            if (key.KeySize != 256)
                throw new InvalidOperationException($"{path} does not hold a P-256 key.");
            return key;
        }

        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        var pem = key.ExportPkcs8PrivateKeyPem();
        // Create the file with owner-only permissions from the start, so the private key is never readable by others, even briefly.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerOnly;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(pem);
        return key;
    }
}
