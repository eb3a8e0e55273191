using System.Text.Json.Nodes;
using Dataspace.PolicyEngine.Odrl;

namespace Dataspace.PolicyEngine.Tests;

/// <summary>Writes expanded JSON-LD (full IRIs, values in arrays) the way a JSON-LD processor would emit it.</summary>
internal static class Expanded
{
    private const string O = OdrlIri.Ns;

    public static JsonObject Id(string iri) => new() { ["@id"] = iri };

    public static JsonObject Value(string value, string? type = null)
    {
        var literal = new JsonObject { ["@value"] = value };
        if (type is not null)
        {
            literal["@type"] = type;
        }

        return literal;
    }

    public static JsonObject Constraint(string leftOperand, string op, params JsonObject[] right) => new()
    {
        [O + "leftOperand"] = new JsonArray(Id(leftOperand)),
        [O + "operator"] = new JsonArray(Id(O + op)),
        [O + "rightOperand"] = new JsonArray([.. right]),
    };

    public static JsonObject Logical(string op, params JsonObject[] operands) => new()
    {
        [O + op] = new JsonArray(new JsonObject { ["@list"] = new JsonArray([.. operands]) }),
    };

    public static JsonObject Rule(
        string action,
        JsonObject[]? constraints = null,
        string? target = "https://hrs.example/ds/icu",
        string? assignee = null,
        JsonObject[]? duties = null,
        string? uid = null)
    {
        var rule = new JsonObject { [O + "action"] = new JsonArray(Id(action)) };
        if (uid is not null)
        {
            rule["@id"] = uid;
        }

        if (target is not null)
        {
            rule[O + "target"] = new JsonArray(Id(target));
        }

        if (assignee is not null)
        {
            rule[O + "assignee"] = new JsonArray(Id(assignee));
        }

        if (constraints is not null)
        {
            rule[O + "constraint"] = new JsonArray([.. constraints]);
        }

        if (duties is not null)
        {
            rule[O + "duty"] = new JsonArray([.. duties]);
        }

        return rule;
    }

    public static JsonArray Policy(
        JsonObject[]? permissions = null,
        JsonObject[]? prohibitions = null,
        JsonObject[]? obligations = null,
        string type = "Offer",
        string uid = "https://hrs.example/policy/1")
    {
        var policy = new JsonObject { ["@id"] = uid, ["@type"] = new JsonArray(O + type) };
        if (permissions is not null)
        {
            policy[O + "permission"] = new JsonArray([.. permissions]);
        }

        if (prohibitions is not null)
        {
            policy[O + "prohibition"] = new JsonArray([.. prohibitions]);
        }

        if (obligations is not null)
        {
            policy[O + "obligation"] = new JsonArray([.. obligations]);
        }

        return new JsonArray(policy);
    }
}
