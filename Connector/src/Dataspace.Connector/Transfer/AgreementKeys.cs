using System.Security.Cryptography;
using System.Text;
using Dataspace.ConsentLedger.Pseudonymisation;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The pseudonymisation key of each agreement: HMAC-SHA256 of the agreement id under the connector's master key, so
/// pseudonyms are stable within an agreement and unlinkable across agreements. The master key is a file of 32 random
/// bytes in the data folder, created with mode 0600 on first use; back it up with the key pair.
/// </summary>
public sealed class AgreementKeys
{
    /// <summary>The master key's file name inside the data folder.</summary>
    public const string FileName = "agreement-pseudonym.key";

    private readonly byte[] _master;

    private AgreementKeys(byte[] master) => _master = master;

    /// <summary>The key of agreement <paramref name="agreementId"/>.</summary>
    public PseudonymisationKey For(string agreementId) =>
        new(HMACSHA256.HashData(_master, Encoding.UTF8.GetBytes(agreementId)));

    /// <summary>Loads the master key from <paramref name="dataFolder"/>, creating it if missing.</summary>
    public static AgreementKeys LoadOrCreate(string dataFolder)
    {
        var path = Path.Combine(dataFolder, FileName);
        if (File.Exists(path))
        {
            var key = File.ReadAllBytes(path);
            return key.Length >= PseudonymisationKey.MinimumLength
                ? new AgreementKeys(key)
                : throw new InvalidOperationException($"{path} holds {key.Length} bytes; it needs at least {PseudonymisationKey.MinimumLength}.");
        }
        Directory.CreateDirectory(dataFolder);
        var created = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(path, options))
            file.Write(created);
        return new AgreementKeys(created);
    }
}
