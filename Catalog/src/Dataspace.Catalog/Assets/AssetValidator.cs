using System.Text.RegularExpressions;

namespace Dataspace.Catalog.Assets;

/// <summary>Checks an asset before it is stored: identifiers, HealthDCAT-AP cardinalities and value ranges.</summary>
public static partial class AssetValidator
{
    private static readonly HashSet<string> DataThemes =
        ["AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "REGI", "SOCI", "TECH", "TRAN", "OP_DATPRO"];

    private static readonly HashSet<string> AccessRights = ["PUBLIC", "RESTRICTED", "NON_PUBLIC"];

    /// <summary>Every problem with <paramref name="asset"/>; empty when it may be stored.</summary>
    public static IReadOnlyList<ValidationProblem> Validate(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var problems = new List<ValidationProblem>();
        void Add(string field, string message) => problems.Add(new ValidationProblem(field, message));

        if (!IsIdentifier(asset.Id))
            Add("id", "must be 1–256 characters without spaces or control characters");
        var d = asset.Description;
        if (string.IsNullOrWhiteSpace(d.Title) || d.Title.Length > 500)
            Add("description/title", "is required (at most 500 characters)");
        if (string.IsNullOrWhiteSpace(d.Description) || d.Description.Length > 10_000)
            Add("description/description", "is required (at most 10,000 characters)");
        if (d.Keywords.Count > 100 || d.Keywords.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > 100))
            Add("description/keywords", "at most 100 keywords of 1–100 characters");
        foreach (var theme in d.Themes.Where(t => !DataThemes.Contains(t)))
            Add("description/themes", $"'{theme}' is not an EU data theme code");
        if (d.HealthCategories.Any(c => !CodeOrIri().IsMatch(c)))
            Add("description/healthCategories", "each must be an upper-case code such as EHR or an absolute IRI");
        if (d.NumberOfRecords < 0)
            Add("description/numberOfRecords", "must not be negative");
        if (d.NumberOfUniqueIndividuals < 0)
            Add("description/numberOfUniqueIndividuals", "must not be negative");
        if (d.NumberOfRecords is { } records && d.NumberOfUniqueIndividuals > records)
            Add("description/numberOfUniqueIndividuals", "cannot exceed numberOfRecords");
        if (d.TypicalAge is { } age && (age.Min is < 0 or > 150 || age.Max is < 0 or > 150 || age.Min > age.Max))
            Add("description/typicalAge", "ages must be 0–150 with min ≤ max");
        if (d.Temporal is { Start: { } start, End: { } end } && start > end)
            Add("description/temporal", "start must not be after end");
        foreach (var country in d.Countries.Where(c => c.Length != 2 || !c.All(char.IsAsciiLetterUpper)))
            Add("description/countries", $"'{country}' is not an ISO 3166-1 alpha-2 code");
        if (!AccessRights.Contains(d.AccessRights))
            Add("description/accessRights", "must be PUBLIC, RESTRICTED or NON_PUBLIC");
        if (d.RetentionPeriod is { } retention && !IsoDuration().IsMatch(retention))
            Add("description/retentionPeriod", "must be an ISO 8601 duration such as P10Y");
        if (d.TransferTypes.Count == 0 || d.TransferTypes.Any(t => !TransferType().IsMatch(t)))
            Add("description/transferTypes", "at least one transfer type such as FHIR-PULL");
        if (d.MediaTypes.Any(m => !MediaType().IsMatch(m)))
            Add("description/mediaTypes", "each must be a media type such as application/fhir+ndjson");
        if (d.PersonalData.Concat(d.LegalBases).Any(string.IsNullOrWhiteSpace))
            Add("description/personalData", "personal-data and legal-basis entries must not be empty");
        if (string.IsNullOrWhiteSpace(asset.DataAddress.Type))
            Add("dataAddress/type", "is required");
        return problems;
    }

    /// <summary>True for identifiers safe in URLs, logs and offer ids.</summary>
    public static bool IsIdentifier(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 256 && !id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    [GeneratedRegex(@"^([A-Z][A-Z0-9_]*|[a-z][a-z0-9+.-]*:\S+)$")]
    private static partial Regex CodeOrIri();

    [GeneratedRegex(@"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$")]
    private static partial Regex IsoDuration();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex TransferType();

    [GeneratedRegex(@"^[a-z]+/[a-z0-9.+-]+$")]
    private static partial Regex MediaType();
}
