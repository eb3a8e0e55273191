using Dataspace.Catalog.Assets;

namespace Dataspace.Catalog.Offers;

/// <summary>Selects assets by criteria, all of which must hold; no criteria select every asset.</summary>
/// <param name="Criteria">The criteria, combined with AND.</param>
public sealed record AssetSelector(IReadOnlyList<AssetCriterion> Criteria)
{
    /// <summary>A selector matching every asset.</summary>
    public static AssetSelector All { get; } = new([]);

    /// <summary>True when <paramref name="asset"/> meets every criterion.</summary>
    public bool Matches(Asset asset) => Criteria.All(c => c.Matches(asset));
}

/// <summary>One test on an asset: a property, an operator (<c>=</c> or <c>in</c>) and the value(s) to compare with.</summary>
/// <param name="Property">One of <see cref="Properties"/>.</param>
/// <param name="Operator"><c>=</c> or <c>in</c>.</param>
/// <param name="Values">One value for <c>=</c>; any number for <c>in</c>.</param>
public sealed record AssetCriterion(string Property, string Operator, IReadOnlyList<string> Values)
{
    /// <summary>Properties a criterion may test.</summary>
    public static IReadOnlySet<string> Properties { get; } = new HashSet<string>(StringComparer.Ordinal)
        { "id", "keyword", "healthCategory", "theme", "country", "accessRights", "transferType" };

    /// <summary>Operators a criterion may use.</summary>
    public static IReadOnlySet<string> Operators { get; } = new HashSet<string>(StringComparer.Ordinal) { "=", "in" };

    /// <summary>True when the asset's property has one of the values.</summary>
    public bool Matches(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var d = asset.Description;
        IEnumerable<string> actual = Property switch
        {
            "id" => [asset.Id],
            "keyword" => d.Keywords,
            "healthCategory" => d.HealthCategories,
            "theme" => d.Themes,
            "country" => d.Countries,
            "accessRights" => [d.AccessRights],
            "transferType" => d.TransferTypes,
            _ => [],
        };
        return actual.Any(a => Values.Contains(a, StringComparer.Ordinal));
    }

    /// <summary>What is wrong with this criterion, or null when it is usable.</summary>
    public string? Problem() =>
        !Properties.Contains(Property) ? $"unknown property '{Property}' (known: {string.Join(", ", Properties)})"
        : !Operators.Contains(Operator) ? $"unknown operator '{Operator}' (known: =, in)"
        : Operator == "=" && Values.Count != 1 ? "'=' takes exactly one value"
        : Values.Count == 0 ? "at least one value is required"
        : null;
}
