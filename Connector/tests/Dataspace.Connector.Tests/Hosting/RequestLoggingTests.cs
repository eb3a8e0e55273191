using Dataspace.Connector.Hosting;
using Dataspace.Connector.Management;
using Dataspace.Connector.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dataspace.Connector.Tests.Hosting;

public sealed class RequestLoggingTests
{
    [Fact]
    public async Task Request_lines_name_the_route_never_the_patient_in_the_path_or_the_query()
    {
        var logging = new ConfigurationBuilder().AddInMemoryCollection([new("Logging:LogLevel:Default", "Information")]).Build();
        await using var connector = await RunningConnector.StartAsync(TestConnectors.Options("request-logging"), logging);
        using var lines = new CapturingLoggerProvider(LogLevel.Information);
        connector.Services.GetRequiredService<ILoggerFactory>().AddProvider(lines);
        using var http = new HttpClient { BaseAddress = connector.Identity.PublicUrl };
        http.DefaultRequestHeaders.Add(ApiKeyFilter.Header, TestConnectors.OperatorKey);

        using (await http.GetAsync("/fhir/Patient/pat-4711-secret")) { }
        using (await http.GetAsync("/fhir/Observation?patient=pat-4711-secret")) { }
        using (await http.GetAsync(ParticipantEndpoints.Base + "/patients/pat-4711-secret/access-report")) { }
        using (await http.GetAsync("/no/such/pat-4711-secret")) { }

        var requests = lines.Lines.Where(l => l.Contains(" -> ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, requests.Count);
        Assert.All(requests, l => Assert.DoesNotContain("pat-4711-secret", l, StringComparison.Ordinal));
        Assert.Contains(requests, l => l.StartsWith("GET /fhir/{type}/{id} -> ", StringComparison.Ordinal));
        Assert.Contains(requests, l => l.StartsWith("GET " + ParticipantEndpoints.Base + "/patients/{patientId}/access-report -> 200", StringComparison.Ordinal));
        Assert.Contains(requests, l => l.StartsWith("GET (no route) -> 404", StringComparison.Ordinal));
    }
}
