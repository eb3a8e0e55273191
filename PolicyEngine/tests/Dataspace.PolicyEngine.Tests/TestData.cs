namespace Dataspace.PolicyEngine.Tests;

/// <summary>Finds ../shared/testdata next to the folder holding Dataspace.sln; fails loudly rather than skipping.</summary>
internal static class TestData
{
    public static string Root { get; } = Locate();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Dataspace.sln")))
            {
                var testdata = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "testdata"));
                return Directory.Exists(testdata)
                    ? testdata
                    : throw new DirectoryNotFoundException($"test data not found at {testdata} (expected ../shared/testdata next to {dir.FullName})");
            }
        }

        throw new DirectoryNotFoundException($"no folder containing Dataspace.sln above {AppContext.BaseDirectory}");
    }
}
