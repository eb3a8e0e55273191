using System.Text.Json;
using System.Text.RegularExpressions;
using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Opa;
using static Dataspace.PolicyEngine.Tests.Expanded;

namespace Dataspace.PolicyEngine.Tests.Opa;

/// <summary>The example Rego policies read only input fields the connector sends, so a rename on either side fails here.</summary>
public sealed partial class RegoInputContractTests
{
    [Fact]
    public void Every_input_field_the_rego_policies_read_is_sent()
    {
        var policy = Scenario.Compile(Policy([Rule(OdrlIri.Ns + "use")]));
        var request = Scenario.Request();
        using var sent = JsonDocument.Parse(JsonSerializer.Serialize(new OpaDataRequest(OpaInput.From(policy, request, policy.Evaluate(request)))));
        var input = sent.RootElement.GetProperty("input");

        var policies = Directory.GetFiles(OpaFolder(), "*.rego", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("_test.rego", StringComparison.Ordinal))
            .ToList();
        var fields = policies.SelectMany(f => InputField().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).Distinct().ToList();

        Assert.NotEmpty(policies);
        Assert.NotEmpty(fields);
        Assert.All(fields, field => Assert.True(Has(input, field.Split('.')), $"input.{field} is read by Rego but not sent"));
    }

    private static bool Has(JsonElement element, string[] path) =>
        path.Length == 0 || (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(path[0], out var child) && Has(child, path[1..]));

    private static string OpaFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var opa = Path.Combine(dir.FullName, "PolicyEngine", "opa");
            if (Directory.Exists(opa))
            {
                return opa;
            }
        }

        throw new DirectoryNotFoundException($"no PolicyEngine/opa folder above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"\binput\.([A-Za-z_]+(?:\.[A-Za-z_]+)*)")]
    private static partial Regex InputField();
}
