namespace Dataspace.Fhir.Search;

/// <summary>One search parameter of a query; values of one parameter are alternatives (OR), parameters combine with AND.</summary>
public abstract record SearchCriterion(string Parameter);
