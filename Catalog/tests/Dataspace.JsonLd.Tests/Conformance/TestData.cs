namespace Dataspace.JsonLd.Tests.Conformance;

/// <summary>Locates the shared offline test data: the folder "../shared/testdata" next to the repository root (the folder holding Dataspace.sln).</summary>
internal static class TestData
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Folder => Root.Value;

    public static string JsonLdApiTests => Path.Combine(Folder, "jsonld-api", "tests");

    private static string Locate()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dataspace.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException(
                $"Cannot find the repository root (a folder with Dataspace.sln) above {AppContext.BaseDirectory}; the conformance tests need ../shared/testdata next to it.");
        }

        var testData = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "testdata"));
        if (!Directory.Exists(Path.Combine(testData, "jsonld-api", "tests")))
        {
            throw new InvalidOperationException(
                $"The W3C JSON-LD test suite is missing: expected {Path.Combine(testData, "jsonld-api", "tests")} (see shared/testdata/INDEX.md section 1).");
        }

        return testData;
    }
}
