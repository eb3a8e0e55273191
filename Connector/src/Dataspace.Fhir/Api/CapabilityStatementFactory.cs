using Dataspace.Fhir.Search;
using Hl7.Fhir.Model;

namespace Dataspace.Fhir.Api;

/// <summary>Describes what this server does, for <c>/fhir/metadata</c>: built once from the same tables the search uses.</summary>
public static class CapabilityStatementFactory
{
    private static readonly Lazy<CapabilityStatement> Statement = new(Build);

    /// <summary>The CapabilityStatement of this server.</summary>
    public static CapabilityStatement Instance => Statement.Value;

    private static CapabilityStatement Build()
    {
        var interactions = new[]
        {
            CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.Vread,
            CapabilityStatement.TypeRestfulInteraction.Update, CapabilityStatement.TypeRestfulInteraction.Delete,
            CapabilityStatement.TypeRestfulInteraction.HistoryInstance, CapabilityStatement.TypeRestfulInteraction.Create,
            CapabilityStatement.TypeRestfulInteraction.SearchType,
        };
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = "Strict search handling by default (unknown parameters are a 400); send 'Prefer: handling=lenient' to have them ignored. "
                + "Access by X-Api-Key of an operator. Consents are revoked by setting status to inactive, not deleted.",
            Interaction = [new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction }],
            Operation =
            [
                new CapabilityStatement.OperationComponent { Name = "export", Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export" },
            ],
        };
        foreach (var type in SearchParameters.ResourceTypes.Order(StringComparer.Ordinal))
        {
            var resource = new CapabilityStatement.ResourceComponent
            {
                Type = type,
                Versioning = CapabilityStatement.ResourceVersionPolicy.VersionedUpdate,
                ReadHistory = true,
                UpdateCreate = true,
                ConditionalUpdate = true,
                ConditionalCreate = false,
                ConditionalDelete = CapabilityStatement.ConditionalDeleteStatus.NotSupported,
                Interaction = interactions
                    .Where(i => type != "Consent" || i != CapabilityStatement.TypeRestfulInteraction.Delete)
                    .Select(i => new CapabilityStatement.ResourceInteractionComponent { Code = i }).ToList(),
                SearchParam =
                [
                    new() { Name = SearchParameters.Id, Type = SearchParamType.Token },
                    new() { Name = SearchParameters.LastUpdated, Type = SearchParamType.Date },
                    .. SearchParameters.For(type).Values.OrderBy(p => p.Name, StringComparer.Ordinal)
                        .Select(p => new CapabilityStatement.SearchParamComponent { Name = p.Name, Type = p.Type, Definition = p.Definition }),
                ],
            };
            if (type == "Patient")
                resource.Operation = [new CapabilityStatement.OperationComponent { Name = "export", Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export" }];
            rest.Resource.Add(resource);
        }
        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = new FhirDateTime(DateTimeOffset.UtcNow).Value,
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "Dataspace connector FHIR facade" },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["application/fhir+json"],
            Rest = [rest],
        };
    }
}
