using System.Text;
using Dataspace.ConsentLedger.Consent;
using Dataspace.Connector.Transfer;
using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>The data plane judges residual consent filters on facts read from JSON; they must be the facts Firely's model gives.</summary>
public sealed class JsonDataItemTests
{
    public static TheoryData<string> Resources => new()
    {
        """{"resourceType":"Observation","id":"a","status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]},{"coding":[{"code":"local"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"8867-4"},{"system":"urn:oid:2.16.840.1.113883.6.1","code":"8867-4"},{"display":"no code"}]},"subject":{"reference":"Patient/p"},"effectiveDateTime":"2024-03-01T10:00:00+01:00"}""",
        """{"resourceType":"Observation","id":"b","status":"final","code":{"text":"free text only"},"effectivePeriod":{"start":"2023-07","end":"2023-08"}}""",
        """{"resourceType":"Observation","id":"c","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"59408-5"}]},"effectiveInstant":"2024-03-01T10:00:00Z"}""",
        """{"resourceType":"Observation","id":"d","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"59408-5"}]},"effectiveDateTime":"2019"}""",
        """{"resourceType":"Observation","id":"e","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"59408-5"}]},"effectivePeriod":{"end":"2023-08"}}""",
        """{"resourceType":"Condition","id":"f","subject":{"reference":"Patient/p"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"22298006"}]},"onsetDateTime":"2020"}""",
        """{"resourceType":"Patient","id":"p","birthDate":"1961-04-02"}""",
    };

    [Theory]
    [MemberData(nameof(Resources))]
    public void The_facts_read_from_JSON_equal_the_facts_read_from_the_Firely_model(string json)
    {
        var fromModel = FhirDataItem.Of(FhirJson.Parse<Resource>(json));
        var fromJson = JsonDataItem.Of(Encoding.UTF8.GetBytes(json));

        Assert.Equal(Describe(fromModel), Describe(fromJson));
    }

    private static string Describe(DataItem item) =>
        $"{item.ResourceType} {item.Reference} codes[{string.Join(' ', item.Codes)}] classes[{string.Join(' ', item.Classes)}] date {item.Date?.ToString("O") ?? "none"}";
}
