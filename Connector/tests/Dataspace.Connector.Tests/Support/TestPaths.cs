namespace Dataspace.Connector.Tests.Support;

/// <summary>Locates the repository and the shared conformance data beside it.</summary>
public static class TestPaths
{
    /// <summary>The folder holding Dataspace.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary><c>../shared/testdata</c> next to the clone; a missing folder fails the test rather than skipping it.</summary>
    public static string SharedTestData
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "testdata"));
            return Directory.Exists(path)
                ? path
                : throw new DirectoryNotFoundException($"Shared test data not found at {path}; CI places shared/ beside the clone.");
        }
    }

    /// <summary>A fresh empty folder under the system temp folder.</summary>
    public static string NewTempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "dataspace-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dataspace.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("Dataspace.sln not found above " + AppContext.BaseDirectory);
    }
}
