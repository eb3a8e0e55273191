using Dataspace.PolicyEngine.Odrl;

namespace Dataspace.Connector.Cli;

/// <summary>Reads a policy file: JSON-LD in any form, expanded offline with only the bundled contexts (ODRL 2.2, DSP 2025-1, VC).</summary>
public static class PolicyFile
{
    /// <summary>Reads and parses <paramref name="file"/>; the result carries the parse errors, if any.</summary>
    /// <exception cref="PolicyInputException">The file cannot be read.</exception>
    public static PolicyParseResult Read(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return PolicyDocument.Parse(ReadText(file));
    }

    /// <summary>Reads and parses <paramref name="file"/>, or throws with every parse error.</summary>
    /// <exception cref="PolicyInputException">The file cannot be read or is not a valid ODRL policy.</exception>
    public static Policy ReadValid(FileInfo file)
    {
        var result = Read(file);
        if (!result.IsSuccess)
        {
            throw new PolicyInputException([.. result.Errors.Select(e => $"{file.Name}: {e}")]);
        }

        return result.Policy;
    }

    /// <summary>The text of <paramref name="file"/>.</summary>
    /// <exception cref="PolicyInputException">The file does not exist or cannot be read.</exception>
    public static string ReadText(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyInputException($"cannot read '{file.FullName}': {e.Message}", e);
        }
    }
}
