using System.Security.Cryptography;
using Dataspace.ConsentLedger.Ledger;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// Derives patient pseudonyms for ledger entries with the ledger's HMAC key. The key is a file of at least 32 random
/// bytes, created with mode 0600 on first start; losing it makes old pseudonyms unmatchable, so back it up with the key pair.
/// </summary>
public sealed class LedgerPseudonyms
{
    /// <summary>The key file's name inside the data folder when <see cref="Hosting.LedgerOptions.PseudonymKeyFile"/> is not set.</summary>
    public const string DefaultFileName = "ledger-pseudonym.key";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly byte[] _key;

    private LedgerPseudonyms(byte[] key) => _key = key;

    /// <summary>The pseudonym of a patient reference (<c>Patient/1</c> or an absolute URL of it).</summary>
    public PatientPseudonym Derive(string patientReference) => PatientPseudonym.Derive(_key, patientReference);

    /// <summary>Loads an existing key from <paramref name="path"/>, never creating one: for tools reading a connector's ledger.</summary>
    /// <exception cref="FileNotFoundException">There is no key file.</exception>
    /// <exception cref="InvalidOperationException">The file holds fewer than 32 bytes.</exception>
    public static LedgerPseudonyms Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var key = File.ReadAllBytes(path);
        return key.Length >= PatientPseudonym.MinimumKeyLength
            ? new LedgerPseudonyms(key)
            : throw new InvalidOperationException($"{path} holds {key.Length} bytes; a ledger pseudonym key needs at least {PatientPseudonym.MinimumKeyLength}.");
    }

    /// <summary>Loads the key from <paramref name="path"/>, creating 32 random bytes there (mode 0600) if there is no file.</summary>
    /// <exception cref="InvalidOperationException">The file holds fewer than 32 bytes.</exception>
    public static LedgerPseudonyms LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
            {
                File.SetUnixFileMode(path, OwnerOnly);
            }

            return Load(path);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var created = RandomNumberGenerator.GetBytes(PatientPseudonym.MinimumKeyLength);
        // Owner-only from the first byte written, as for the participant key.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(created);
        }

        return new LedgerPseudonyms(created);
    }
}
