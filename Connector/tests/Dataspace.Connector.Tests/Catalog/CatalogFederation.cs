using System.Security.Cryptography;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Catalog;

/// <summary>
/// The hospital (provider) with a seeded catalog, a partner hospital (role hospital, DE), a research institute
/// (role research, LU), and a member whose connector is down — all on loopback.
/// </summary>
public sealed class CatalogFederation : IAsyncLifetime
{
    public RunningConnector Hospital { get; private set; } = null!;
    public RunningConnector Partner { get; private set; } = null!;
    public RunningConnector Research { get; private set; } = null!;

    /// <summary>A member on a port where nothing listens (9, the discard port, is never served here).</summary>
    public string DownMember { get; } = new ParticipantIdentity(new Uri("http://127.0.0.1:9"), ECDsa.Create(ECCurve.NamedCurves.nistP256)).Did;

    public async Task InitializeAsync()
    {
        var hospital = TestConnectors.Options("hospital");
        var partner = TestConnectors.Options("partner");
        var research = TestConnectors.Options("research");
        hospital.Catalog.PageSize = 10;
        string Did(ConnectorOptions o) => DidWeb.FromUrl(new Uri(o.Participant.PublicUrl));
        MemberOptions Member(ConnectorOptions o, string country, string role) => new() { Did = Did(o), Country = country, Role = role };
        hospital.Members = [Member(partner, "DE", "hospital"), Member(research, "LU", "research")];
        foreach (var consumer in new[] { partner, research })
        {
            consumer.Members = [Member(hospital, "LU", "hospital"), new MemberOptions { Did = DownMember, Country = "FR", Role = "hospital" }];
            consumer.Catalog.CrawlInterval = TimeSpan.Zero;
            consumer.Catalog.CrawlTimeout = TimeSpan.FromSeconds(2);
        }
        hospital.Catalog.CrawlInterval = TimeSpan.Zero;
        Hospital = await TestConnectors.StartAsync(hospital);
        Partner = await TestConnectors.StartAsync(partner);
        Research = await TestConnectors.StartAsync(research);

        using var management = new ManagementClient(Hospital);
        await management.CreateAsync("assets", CatalogSeed.CardiologyAsset);
        await management.CreateAsync("assets", CatalogSeed.TrendsAsset);
        foreach (var policy in new[] { CatalogSeed.MembersAccess, CatalogSeed.HospitalsAccess, CatalogSeed.TreatmentOffer, CatalogSeed.ResearchOffer })
            await management.CreateAsync("policies", policy);
        await management.CreateAsync("contractdefinitions", CatalogSeed.CardiologyForHospitals);
        await management.CreateAsync("contractdefinitions", CatalogSeed.TrendsForMembers);
    }

    public async Task DisposeAsync()
    {
        await Research.DisposeAsync();
        await Partner.DisposeAsync();
        await Hospital.DisposeAsync();
    }
}
