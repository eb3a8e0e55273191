using System.Globalization;
using System.Text.Json;

namespace Dataspace.PolicyEngine.Odrl;

/// <summary>Reads an ODRL policy from EXPANDED JSON-LD, so prefixed and unprefixed compact forms parse the same; <see cref="PolicyDocument"/> expands compact input first.</summary>
/// <remarks>
/// Never throws on malformed input: every problem becomes a <see cref="ParseError"/> with a path.
/// Node references (<c>{"@id": …}</c> alone) are resolved against nodes elsewhere in the document, as in flattened output.
/// </remarks>
public static class PolicyParser
{
    /// <summary>Parses expanded JSON-LD text.</summary>
    public static PolicyParseResult Parse(string expandedJson)
    {
        try
        {
            using var document = JsonDocument.Parse(expandedJson);
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            return new PolicyParseResult(null, [new ParseError("$", $"not valid JSON: {e.Message}")]);
        }
    }

    /// <summary>Parses an expanded JSON-LD document (an array of node objects, or one node object).</summary>
    public static PolicyParseResult Parse(JsonElement expanded) => new Reader(expanded).Read();

    private sealed class Reader(JsonElement root)
    {
        private const int MaxDepth = 32;
        private static readonly string[] LogicalKeys = [OdrlIri.And, OdrlIri.Or, OdrlIri.Xone, OdrlIri.AndSequence];

        private readonly List<ParseError> _errors = [];
        private readonly Dictionary<string, JsonElement> _nodesById = new(StringComparer.Ordinal);

        public PolicyParseResult Read()
        {
            Index(root, 0);
            var (node, path) = FindPolicyNode();
            if (node is not { } policyNode)
            {
                return new PolicyParseResult(null, _errors);
            }

            var policy = ReadPolicy(policyNode, path);
            return new PolicyParseResult(_errors.Count == 0 ? policy : null, _errors);
        }

        private (JsonElement? Node, string Path) FindPolicyNode()
        {
            if (root.ValueKind == JsonValueKind.Object)
            {
                return (root, "$");
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                Error("$", "expected expanded JSON-LD: an array of node objects or one node object");
                return (null, "$");
            }

            var found = new List<(JsonElement, string)>();
            var i = 0;
            foreach (var item in root.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && PolicyTypeOf(item) is not null)
                {
                    found.Add((item, $"$[{i}]"));
                }

                i++;
            }

            if (found.Count == 0)
            {
                // A policy carried inside another node: the offer of a DSP message, a dataset's odrl:hasPolicy.
                FindNested(root, "$", 0, found);
            }

            switch (found.Count)
            {
                case 1:
                    return found[0];
                case 0:
                    Error("$", "no ODRL policy node: expected @type odrl:Set, odrl:Offer, odrl:Agreement or odrl:Policy");
                    return (null, "$");
                default:
                    Error("$", $"{found.Count} ODRL policy nodes; expected exactly one");
                    return (null, "$");
            }
        }

        private static void FindNested(JsonElement element, string path, int depth, List<(JsonElement, string)> found)
        {
            if (depth > MaxDepth)
            {
                return;
            }

            if (element.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    FindNested(item, $"{path}[{i++}]", depth + 1, found);
                }
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                if (PolicyTypeOf(element) is not null)
                {
                    found.Add((element, path));
                    return;
                }

                foreach (var property in element.EnumerateObject().Where(p => !p.Name.StartsWith('@') || p.Name == "@graph"))
                {
                    FindNested(property.Value, Child(path, property.Name), depth + 1, found);
                }
            }
        }

        private Policy? ReadPolicy(JsonElement node, string path)
        {
            var uid = IdOf(node);
            if (uid is null)
            {
                Error(path, "policy has no uid (@id)");
            }

            var type = PolicyTypeOf(node);
            if (type is null)
            {
                Error(path, "policy @type must be odrl:Set, odrl:Offer, odrl:Agreement or odrl:Policy");
            }

            if (node.TryGetProperty(OdrlIri.InheritFrom, out _))
            {
                Error(Child(path, OdrlIri.InheritFrom), "inheritFrom is not supported: parent policies are not resolved, so the policy is rejected rather than half-applied");
            }

            if (node.TryGetProperty(OdrlIri.Constraint, out _))
            {
                Error(Child(path, OdrlIri.Constraint), "a constraint on the policy itself is not supported; put it on each rule");
            }

            var profiles = Values(node, path, OdrlIri.Profile).Select(v => IriOrString(v.Value, v.Path, "profile")).OfType<string>().ToList();
            var conflict = ReadConflict(node, path);
            var assigner = ReadParty(node, path, OdrlIri.Assigner);
            var assignee = ReadParty(node, path, OdrlIri.Assignee);
            var target = ReadAsset(node, path);
            var actions = ReadActions(node, path);
            var inherited = new Inherited(actions, target, assigner, assignee);

            var permissions = new List<Permission>();
            var prohibitions = new List<Prohibition>();
            var obligations = new List<Duty>();
            foreach (var (value, valuePath) in Values(node, path, OdrlIri.Permission))
            {
                permissions.AddRange(ReadRules(value, valuePath, RuleKind.Permission, inherited).Cast<Permission>());
            }

            foreach (var (value, valuePath) in Values(node, path, OdrlIri.Prohibition))
            {
                prohibitions.AddRange(ReadRules(value, valuePath, RuleKind.Prohibition, inherited).Cast<Prohibition>());
            }

            foreach (var (value, valuePath) in Values(node, path, OdrlIri.Obligation))
            {
                obligations.AddRange(ReadRules(value, valuePath, RuleKind.Duty, inherited).Cast<Duty>());
            }

            if (permissions.Count + prohibitions.Count + obligations.Count == 0 && _errors.Count == 0)
            {
                Error(path, "policy has no permission, prohibition or obligation");
            }

            return uid is null || type is null
                ? null
                : new Policy(uid, type.Value, profiles, assigner, assignee, target, conflict, permissions, prohibitions, obligations);
        }

        private ConflictStrategy ReadConflict(JsonElement node, string path)
        {
            var values = Values(node, path, OdrlIri.Conflict);
            if (values.Count == 0)
            {
                return ConflictStrategy.Invalid;
            }

            var (value, valuePath) = values[0];
            switch (IdOf(value))
            {
                case OdrlIri.Perm:
                    return ConflictStrategy.Perm;
                case OdrlIri.Prohibit:
                    return ConflictStrategy.Prohibit;
                case OdrlIri.Invalid:
                    return ConflictStrategy.Invalid;
                default:
                    Error(valuePath, "conflict must be odrl:perm, odrl:prohibit or odrl:invalid");
                    return ConflictStrategy.Invalid;
            }
        }

        private List<Rule> ReadRules(JsonElement value, string path, RuleKind kind, Inherited inherited)
        {
            var node = Resolve(value);
            if (node.ValueKind != JsonValueKind.Object)
            {
                Error(path, $"a {Name(kind)} must be a node object");
                return [];
            }

            var actions = ReadActions(node, path);
            if (actions.Count == 0)
            {
                actions = inherited.Actions;
            }

            if (actions.Count == 0)
            {
                Error(path, $"{Name(kind)} has no action (odrl:action)");
            }

            var uid = IdOf(node);
            var target = ReadAsset(node, path) ?? inherited.Target;
            var assigner = ReadParty(node, path, OdrlIri.Assigner) ?? inherited.Assigner;
            var assignee = ReadParty(node, path, OdrlIri.Assignee) ?? inherited.Assignee;
            var constraints = ReadConstraints(node, path, OdrlIri.Constraint, 0);
            var nested = kind switch
            {
                RuleKind.Permission => ReadDuties(node, path, OdrlIri.Duty),
                RuleKind.Prohibition => ReadDuties(node, path, OdrlIri.Remedy),
                _ => [],
            };

            // A rule with several actions is the compact form of one rule per action (ODRL 2.2 §2.7.1).
            return actions.Select(action => (Rule)(kind switch
            {
                RuleKind.Permission => new Permission(uid, action, target, assigner, assignee, constraints, nested),
                RuleKind.Prohibition => new Prohibition(uid, action, target, assigner, assignee, constraints, nested),
                _ => new Duty(uid, action, target, assigner, assignee, constraints),
            })).ToList();
        }

        private List<Duty> ReadDuties(JsonElement node, string path, string key) =>
            Values(node, path, key)
                .SelectMany(v => ReadRules(v.Value, v.Path, RuleKind.Duty, Inherited.None))
                .Cast<Duty>()
                .ToList();

        private List<OdrlAction> ReadActions(JsonElement node, string path)
        {
            var actions = new List<OdrlAction>();
            foreach (var (value, valuePath) in Values(node, path, OdrlIri.Action))
            {
                var actionNode = Resolve(value);
                var iri = actionNode.ValueKind == JsonValueKind.Object && actionNode.TryGetProperty(OdrlIri.RdfValue, out _)
                    ? Values(actionNode, valuePath, OdrlIri.RdfValue).Select(v => IdOf(v.Value)).FirstOrDefault()
                    : IdOf(actionNode);
                if (iri is null)
                {
                    Error(valuePath, "action must be an IRI, or a node whose rdf:value is an IRI");
                    continue;
                }

                actions.Add(new OdrlAction(iri, ReadConstraints(actionNode, valuePath, OdrlIri.Refinement, 0)));
            }

            return actions;
        }

        private Asset? ReadAsset(JsonElement node, string path)
        {
            var (value, valuePath) = Single(node, path, OdrlIri.Target);
            if (value is not { } target)
            {
                return null;
            }

            var (iri, isCollection, refinements) = ReadEntity(target, valuePath, OdrlIri.AssetCollection, "target");
            return new Asset(iri, isCollection, refinements);
        }

        private Party? ReadParty(JsonElement node, string path, string key)
        {
            var (value, valuePath) = Single(node, path, key);
            if (value is not { } party)
            {
                return null;
            }

            var (iri, isCollection, refinements) = ReadEntity(party, valuePath, OdrlIri.PartyCollection, OdrlIri.Abbreviate(key));
            return new Party(iri, isCollection, refinements);
        }

        private (string? Iri, bool IsCollection, IReadOnlyList<ConstraintNode> Refinements) ReadEntity(
            JsonElement value, string path, string collectionType, string what)
        {
            var node = Resolve(value);
            if (node.ValueKind != JsonValueKind.Object)
            {
                Error(path, $"{what} must be an IRI or a node object");
                return (null, false, []);
            }

            var source = Values(node, path, OdrlIri.Source).Select(v => IdOf(v.Value)).FirstOrDefault();
            var refinements = ReadConstraints(node, path, OdrlIri.Refinement, 0);
            var isCollection = TypesOf(node).Contains(collectionType) || source is not null || refinements.Count > 0;
            // A collection node with its own IRI is that collection (membership names it); odrl:source names the
            // collection only for an anonymous, refined node.
            var id = IdOf(node);
            var iri = id is not null && !id.StartsWith("_:", StringComparison.Ordinal) ? id : source ?? id;
            if (iri is null && refinements.Count == 0)
            {
                Error(path, $"{what} has neither an IRI nor a refinement");
            }

            return (iri, isCollection, refinements);
        }

        private List<ConstraintNode> ReadConstraints(JsonElement node, string path, string key, int depth) =>
            Values(node, path, key).Select(v => ReadConstraint(v.Value, v.Path, depth)).OfType<ConstraintNode>().ToList();

        private ConstraintNode? ReadConstraint(JsonElement value, string path, int depth)
        {
            if (depth > MaxDepth)
            {
                Error(path, $"constraints nested deeper than {MaxDepth} levels");
                return null;
            }

            var node = Resolve(value);
            if (node.ValueKind != JsonValueKind.Object)
            {
                Error(path, "a constraint must be a node object");
                return null;
            }

            var uid = IdOf(node);
            var logicalKeys = LogicalKeys.Where(k => node.TryGetProperty(k, out _)).ToList();
            if (logicalKeys.Count > 1)
            {
                Error(path, "a logical constraint has exactly one of and, or, xone, andSequence");
                return null;
            }

            if (logicalKeys.Count == 1)
            {
                return ReadLogical(node, path, uid, logicalKeys[0], depth);
            }

            var errorsBefore = _errors.Count;
            var leftOperand = ReadLeftOperand(node, path);
            var op = ReadOperator(node, path);
            var right = Values(node, path, OdrlIri.RightOperand);
            var reference = Values(node, path, OdrlIri.RightOperandReference);
            if (right.Count == 0 && reference.Count == 0)
            {
                Error(path, "constraint has neither rightOperand nor rightOperandReference");
            }
            else if (right.Count > 0 && reference.Count > 0)
            {
                Error(path, "constraint has both rightOperand and rightOperandReference");
            }

            var terms = right.Select(v => ReadTerm(v.Value, v.Path)).OfType<RdfTerm>().ToList();
            if (op is { } knownOp && terms.Count == right.Count && right.Count > 0)
            {
                CheckRightOperand(knownOp, terms, Child(path, OdrlIri.RightOperand));
            }

            var referenceIri = reference.Count == 1
                ? IriOrString(reference[0].Value, reference[0].Path, "rightOperandReference")
                : null;
            if (reference.Count > 1)
            {
                Error(Child(path, OdrlIri.RightOperandReference), "more than one rightOperandReference");
            }

            var dataType = OptionalIriOrString(node, path, OdrlIri.DataTypeInContext) ?? OptionalIriOrString(node, path, OdrlIri.DataType);
            var unit = OptionalIriOrString(node, path, OdrlIri.Unit);
            return _errors.Count > errorsBefore || leftOperand is null || op is null
                ? null
                : new Constraint(uid, leftOperand, op.Value, terms, referenceIri, dataType, unit);
        }

        private LogicalConstraint? ReadLogical(JsonElement node, string path, string? uid, string key, int depth)
        {
            var operands = Values(node, path, key).Select(v => ReadConstraint(v.Value, v.Path, depth + 1)).ToList();
            if (operands.Count == 0)
            {
                Error(Child(path, key), "logical constraint has no operands");
                return null;
            }

            if (operands.Any(o => o is null))
            {
                return null;
            }

            var op = key switch
            {
                OdrlIri.And => LogicalOperator.And,
                OdrlIri.Or => LogicalOperator.Or,
                OdrlIri.Xone => LogicalOperator.Xone,
                _ => LogicalOperator.AndSequence,
            };
            return new LogicalConstraint(uid, op, operands.OfType<ConstraintNode>().ToList());
        }

        private string? ReadLeftOperand(JsonElement node, string path)
        {
            var values = Values(node, path, OdrlIri.LeftOperand);
            if (values.Count != 1)
            {
                Error(path, values.Count == 0 ? "constraint has no leftOperand" : "constraint has more than one leftOperand");
                return null;
            }

            var iri = IdOf(values[0].Value);
            if (iri is null)
            {
                Error(values[0].Path, "leftOperand must be an IRI");
            }

            return iri;
        }

        private Operator? ReadOperator(JsonElement node, string path)
        {
            var values = Values(node, path, OdrlIri.Operator);
            if (values.Count != 1)
            {
                Error(path, values.Count == 0 ? "constraint has no operator" : "constraint has more than one operator");
                return null;
            }

            var iri = IdOf(values[0].Value);
            Operator? op = iri switch
            {
                OdrlIri.Ns + "eq" => Operator.Eq,
                // The official ODRL 2.2 context maps the term "neq" to odrl:neg, so both must mean neq.
                OdrlIri.Ns + "neq" or OdrlIri.Ns + "neg" => Operator.Neq,
                OdrlIri.Ns + "lt" => Operator.Lt,
                OdrlIri.Ns + "lteq" => Operator.Lteq,
                OdrlIri.Ns + "gt" => Operator.Gt,
                OdrlIri.Ns + "gteq" => Operator.Gteq,
                OdrlIri.Ns + "isA" => Operator.IsA,
                OdrlIri.Ns + "hasPart" => Operator.HasPart,
                OdrlIri.Ns + "isPartOf" => Operator.IsPartOf,
                OdrlIri.Ns + "isAllOf" => Operator.IsAllOf,
                OdrlIri.Ns + "isAnyOf" => Operator.IsAnyOf,
                OdrlIri.Ns + "isNoneOf" => Operator.IsNoneOf,
                _ => null,
            };
            if (op is null)
            {
                Error(values[0].Path, $"unknown operator '{iri ?? values[0].Value.GetRawText()}'; expected one of eq, neq, lt, lteq, gt, gteq, isA, hasPart, isPartOf, isAllOf, isAnyOf, isNoneOf");
            }

            return op;
        }

        private RdfTerm? ReadTerm(JsonElement value, string path)
        {
            if (IdOf(value) is { } iri)
            {
                return new RdfTerm(iri, true);
            }

            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("@value", out var literal))
            {
                Error(path, "wrong right-operand type: expected a literal (@value) or an IRI (@id), got " + Describe(value));
                return null;
            }

            var declared = value.TryGetProperty("@type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
            switch (literal.ValueKind)
            {
                case JsonValueKind.String:
                    return new RdfTerm(literal.GetString()!, false, declared);
                case JsonValueKind.Number:
                    var raw = literal.GetRawText();
                    var isInteger = !raw.Contains('.', StringComparison.Ordinal) && !raw.Contains('e', StringComparison.OrdinalIgnoreCase);
                    return new RdfTerm(raw, false, declared ?? (isInteger ? Xsd.Integer : Xsd.Double));
                case JsonValueKind.True:
                case JsonValueKind.False:
                    return new RdfTerm(literal.GetBoolean() ? "true" : "false", false, declared ?? Xsd.Boolean);
                default:
                    Error(path, "wrong right-operand type: @value must be a string, number or boolean, got " + Describe(literal));
                    return null;
            }
        }

        private void CheckRightOperand(Operator op, List<RdfTerm> terms, string path)
        {
            var isSetOperator = op is Operator.IsAllOf or Operator.IsAnyOf or Operator.IsNoneOf;
            if (!isSetOperator && terms.Count > 1)
            {
                Error(path, $"wrong right-operand type: {Name(op)} takes one value, got {terms.Count}");
            }

            var isOrdering = op is Operator.Lt or Operator.Lteq or Operator.Gt or Operator.Gteq;
            foreach (var term in terms)
            {
                if (isOrdering && term.IsIri)
                {
                    Error(path, $"wrong right-operand type: {Name(op)} compares ordered literals, got the IRI <{term.Value}>");
                }

                if (!term.IsIri && term.DataType is { } dataType && !XsdLiteral.IsWellFormed(term.Value, dataType))
                {
                    Error(path, $"wrong right-operand type: '{term.Value}' is not a valid {dataType.Replace(Xsd.Ns, "xsd:", StringComparison.Ordinal)}");
                }
            }
        }

        private string? OptionalIriOrString(JsonElement node, string path, string key)
        {
            var (value, valuePath) = Single(node, path, key);
            return value is { } v ? IriOrString(v, valuePath, OdrlIri.Abbreviate(key)) : null;
        }

        private string? IriOrString(JsonElement value, string path, string what)
        {
            if (IdOf(value) is { } iri)
            {
                return iri;
            }

            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("@value", out var literal) && literal.ValueKind == JsonValueKind.String)
            {
                return literal.GetString();
            }

            Error(path, $"{what} must be an IRI or a string");
            return null;
        }

        private (JsonElement? Value, string Path) Single(JsonElement node, string path, string key)
        {
            var values = Values(node, path, key);
            if (values.Count > 1)
            {
                Error(Child(path, key), $"more than one {OdrlIri.Abbreviate(key)}; expected at most one");
            }

            return values.Count == 0 ? (null, path) : values[0];
        }

        private static List<(JsonElement Value, string Path)> Values(JsonElement node, string path, string key)
        {
            var result = new List<(JsonElement, string)>();
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(key, out var property))
            {
                return result;
            }

            var keyPath = Child(path, key);
            if (property.ValueKind != JsonValueKind.Array)
            {
                AddFlattened(property, keyPath, result);
                return result;
            }

            var i = 0;
            foreach (var item in property.EnumerateArray())
            {
                AddFlattened(item, $"{keyPath}[{i++}]", result);
            }

            return result;
        }

        private static void AddFlattened(JsonElement item, string path, List<(JsonElement, string)> result)
        {
            // @list and @set only order or group values; the ODRL reading is the same.
            if (item.ValueKind == JsonValueKind.Object
                && (item.TryGetProperty("@list", out var list) || item.TryGetProperty("@set", out list))
                && list.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var inner in list.EnumerateArray())
                {
                    result.Add((inner, $"{path}['@list'][{i++}]"));
                }

                return;
            }

            result.Add((item, path));
        }

        private JsonElement Resolve(JsonElement value) =>
            value.ValueKind == JsonValueKind.Object
            && IdOf(value) is { } id
            && value.EnumerateObject().Count() == 1
            && _nodesById.TryGetValue(id, out var node)
                ? node
                : value;

        private void Index(JsonElement element, int depth)
        {
            if (depth > 64)
            {
                return;
            }

            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Index(item, depth + 1);
                }
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                if (IdOf(element) is { } id && element.EnumerateObject().Count() > 1)
                {
                    _nodesById.TryAdd(id, element);
                }

                foreach (var property in element.EnumerateObject())
                {
                    Index(property.Value, depth + 1);
                }
            }
        }

        private static string? IdOf(JsonElement value) =>
            value.ValueKind == JsonValueKind.Object && value.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;

        private static List<string> TypesOf(JsonElement node)
        {
            if (!node.TryGetProperty("@type", out var type))
            {
                return [];
            }

            return type.ValueKind switch
            {
                JsonValueKind.String => [type.GetString()!],
                JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList(),
                _ => [],
            };
        }

        private static PolicyType? PolicyTypeOf(JsonElement node)
        {
            foreach (var type in TypesOf(node))
            {
                switch (type)
                {
                    case OdrlIri.Set or OdrlIri.Policy:
                        return PolicyType.Set;
                    case OdrlIri.Offer:
                        return PolicyType.Offer;
                    case OdrlIri.Agreement:
                        return PolicyType.Agreement;
                }
            }

            return null;
        }

        private static string Child(string path, string key) => $"{path}['{OdrlIri.Abbreviate(key)}']";

        private static string Name(RuleKind kind) => kind.ToString().ToLowerInvariant();

        private static string Name(Operator op) => string.Concat(op.ToString()[..1].ToLowerInvariant(), op.ToString().AsSpan(1));

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Object => "a node object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a bare string (not expanded JSON-LD)",
            JsonValueKind.Null => "null",
            _ => value.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
        };

        private void Error(string path, string message) => _errors.Add(new ParseError(path, message));

        private sealed record Inherited(List<OdrlAction> Actions, Asset? Target, Party? Assigner, Party? Assignee)
        {
            public static readonly Inherited None = new([], null, null, null);
        }
    }
}
