using System.Text.Json;

namespace Dataspace.PolicyEngine.Tests.SolidLab;

/// <summary>One case of the SolidLab ODRL evaluation suite (testdata 4a): the Turtle files of its policy, request, state of the world and expected report.</summary>
internal sealed record SolidLabCase(string Name, string Title, string Policy, string Request, string StateOfTheWorld, string ExpectedReport)
{
    public static readonly string Root = TestData.Path("odrl", "solidlab-odrl-test-suite");

    /// <summary>The 68 cases in suite order, named after their test-case file (e.g. "testcase-001-alice").</summary>
    public static IReadOnlyList<SolidLabCase> All { get; } = Load();

    public static SolidLabCase Named(string name) => All.Single(c => c.Name == name);

    private static List<SolidLabCase> Load()
    {
        using var digest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "cases.json")));
        return digest.RootElement.GetProperty("cases").EnumerateArray().Select(c =>
        {
            string File(string key) => Path.Combine(Root, c.GetProperty(key).GetString()!);
            return new SolidLabCase(
                Path.GetFileNameWithoutExtension(c.GetProperty("testCase").GetString()!),
                c.GetProperty("title").GetString()!,
                File("policy"),
                File("request"),
                File("sotw"),
                File("testCase"));
        }).ToList();
    }
}
