namespace Dataspace.Catalog;

/// <summary>One thing wrong with submitted input, named by the field it concerns.</summary>
/// <param name="Field">A JSON-pointer-like path such as <c>description/typicalAge/min</c>.</param>
/// <param name="Message">What is wrong, safe to show the submitter.</param>
public sealed record ValidationProblem(string Field, string Message);
