using Dataspace.JsonLd;
using Dataspace.PolicyEngine.Odrl;

namespace Dataspace.PolicyEngine.Tests;

public class PolicyDocumentTests
{
    [Fact]
    public void A_json_ld_error_is_reported_with_its_spec_code()
    {
        var result = PolicyDocument.Parse("""{"@context": {"odrl": "http://www.w3.org/ns/odrl/2/"}, "@id": 42, "@type": "odrl:Set"}""");

        var error = Assert.Single(result.Errors);
        Assert.Equal(JsonLdErrorCode.InvalidIdValue, error.JsonLdCode);
        Assert.Null(result.Policy);
    }

    [Fact]
    public void A_context_that_is_not_bundled_is_never_fetched()
    {
        var result = PolicyDocument.Parse("""{"@context": "https://evil.example/odrl.jsonld", "@type": "Set", "uid": "urn:p"}""");

        Assert.Equal(JsonLdErrorCode.LoadingRemoteContextFailed, Assert.Single(result.Errors).JsonLdCode);
    }

    [Fact]
    public void Invalid_json_is_a_parse_error_not_an_exception()
    {
        var result = PolicyDocument.Parse("{\"@context\": ");

        Assert.StartsWith("not valid JSON", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_nested_in_a_dataset_is_found()
    {
        var result = PolicyDocument.Parse("""
            {"@context": {"odrl": "http://www.w3.org/ns/odrl/2/", "dcat": "http://www.w3.org/ns/dcat#"},
             "@id": "https://hrs.example/ds/icu", "@type": "dcat:Dataset",
             "odrl:hasPolicy": {"@id": "urn:policy:1", "@type": "odrl:Offer",
               "odrl:permission": {"odrl:action": {"@id": "odrl:use"}}}}
            """);

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        Assert.Equal("urn:policy:1", result.Policy.Uid);
    }

    [Fact]
    public void Two_nested_policies_are_ambiguous()
    {
        var result = PolicyDocument.Parse("""
            {"@context": {"odrl": "http://www.w3.org/ns/odrl/2/", "dcat": "http://www.w3.org/ns/dcat#"},
             "@type": "dcat:Catalog", "dcat:dataset": [
               {"@id": "urn:ds:1", "odrl:hasPolicy": {"@id": "urn:policy:1", "@type": "odrl:Offer", "odrl:permission": {"odrl:action": {"@id": "odrl:use"}}}},
               {"@id": "urn:ds:2", "odrl:hasPolicy": {"@id": "urn:policy:2", "@type": "odrl:Offer", "odrl:permission": {"odrl:action": {"@id": "odrl:use"}}}}]}
            """);

        Assert.Equal("2 ODRL policy nodes; expected exactly one", Assert.Single(result.Errors).Message);
    }
}
