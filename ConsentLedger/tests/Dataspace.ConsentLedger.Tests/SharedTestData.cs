namespace Dataspace.ConsentLedger.Tests;

/// <summary>Finds the project's shared, read-only test vectors next to the repository.</summary>
internal static class SharedTestData
{
    /// <summary>The absolute path of <c>../shared/testdata/&lt;relativePath&gt;</c> seen from the folder holding Dataspace.sln.</summary>
    public static string PathOf(string relativePath)
    {
        var repoRoot = FindRepoRoot();
        var path = Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "testdata", relativePath));
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            Assert.Fail($"Shared test data '{relativePath}' is missing: expected it at {path} (../shared/testdata next to the repository root {repoRoot}).");
        }

        return path;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dataspace.sln")))
            {
                return dir.FullName;
            }
        }

        Assert.Fail($"No folder containing Dataspace.sln above {AppContext.BaseDirectory}; cannot locate ../shared/testdata.");
        return string.Empty;
    }
}
