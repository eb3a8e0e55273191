using Dataspace.Connector.Storage;
using Dataspace.Connector.Storage.Sqlite;
using Dataspace.Fhir.Core;
using Dataspace.Fhir.Search;
using Dataspace.Fhir.Storage;
using Dataspace.Fhir.Tests.Support;
using Hl7.Fhir.Model;

namespace Dataspace.Fhir.Tests.Storage;

/// <summary>What the FHIR store must do on every database: SQLite always, PostgreSQL when configured.</summary>
public abstract class FhirStoreContract
{
    /// <summary>A new, empty database of the backend under test.</summary>
    protected abstract ConnectorDatabase NewDatabase();

    private async Task<SqlFhirStore> NewStoreAsync()
    {
        var database = NewDatabase();
        await Migrator.MigrateAsync(database, [FhirSchema.Migration(1)]);
        return new SqlFhirStore(database, new SteppingTime());
    }

    private static Observation HeartRate(string id, string patient, string effective, string status = "final") => new()
    {
        Id = id,
        Status = Enum.Parse<ObservationStatus>(status, ignoreCase: true),
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs")],
        Code = new CodeableConcept("http://loinc.org", "8867-4"),
        Subject = new ResourceReference("Patient/" + patient),
        Effective = new FhirDateTime(effective),
        Value = new Quantity(72, "/min"),
    };

    private static async Task<StoredResource> SaveAsync(IFhirStore store, Resource resource)
    {
        await using var transaction = await store.BeginWriteAsync();
        var current = await transaction.ReadAsync(resource.TypeName, resource.Id!);
        var stored = await transaction.SaveAsync(resource, current);
        await transaction.CommitAsync();
        return stored;
    }

    private static SearchQuery Query(string type, params SearchCriterion[] criteria) => new(type, criteria, SearchSort.Default, 100);

    [SkippableFact]
    public async Task A_saved_resource_reads_back_with_its_version_and_every_version_stays_in_history()
    {
        var store = await NewStoreAsync();
        var first = await SaveAsync(store, HeartRate("hr1", "p1", "2024-03-01T10:00:00Z"));
        var second = await SaveAsync(store, HeartRate("hr1", "p1", "2024-03-01T10:00:00Z", "amended"));

        Assert.Equal(1, first.VersionId);
        Assert.Equal(2, second.VersionId);
        var current = await store.ReadAsync("Observation", "hr1");
        Assert.Equal(2, current!.VersionId);
        Assert.Contains("\"versionId\":\"2\"", current.Json, StringComparison.Ordinal);
        Assert.Contains("\"amended\"", (await store.ReadVersionAsync("Observation", "hr1", 2))!.Json, StringComparison.Ordinal);
        Assert.Contains("\"final\"", (await store.ReadVersionAsync("Observation", "hr1", 1))!.Json, StringComparison.Ordinal);
        Assert.Equal([2, 1], (await store.HistoryAsync("Observation", "hr1", 10)).Select(v => v.VersionId));
        Assert.Null(await store.ReadAsync("Observation", "nope"));
    }

    [SkippableFact]
    public async Task Search_finds_by_token_date_reference_and_last_updated()
    {
        var store = await NewStoreAsync();
        await SaveAsync(store, HeartRate("a", "p1", "2024-03-01T10:00:00Z"));
        await SaveAsync(store, HeartRate("b", "p1", "2024-03-02T10:00:00Z", "preliminary"));
        var c = await SaveAsync(store, HeartRate("c", "p2", "2024-04-01T10:00:00Z"));

        async Task<string[]> Ids(params SearchCriterion[] criteria) =>
            (await store.SearchAsync(Query("Observation", criteria))).Matches.Select(m => m.Resource.Id).Order().ToArray();

        Assert.Equal(["a", "b"], await Ids(new ReferenceCriterion("patient", [new ReferenceValue("Patient", "p1")])));
        Assert.Equal(["a", "b", "c"], await Ids(new TokenCriterion("code", [new TokenValue("http://loinc.org", "8867-4")])));
        Assert.Empty(await Ids(new TokenCriterion("code", [new TokenValue("http://snomed.info/sct", "8867-4")])));
        Assert.Equal(["b"], await Ids(new TokenCriterion("status", [new TokenValue(null, "preliminary")])));
        FhirDateRange.TryParse("2024-03", out var march);
        Assert.Equal(["a", "b"], await Ids(new DateCriterion("date", [new DateValue(DatePrefix.Eq, march)])));
        Assert.Equal(["c"], await Ids(new DateCriterion("date", [new DateValue(DatePrefix.Sa, march)])));
        Assert.Equal(["c"], await Ids(new DateCriterion(SearchParameters.LastUpdated, [new DateValue(DatePrefix.Ge, FhirDateRange.At(c.LastUpdated))])));
        Assert.Equal(3, await store.CountAsync(Query("Observation")));
    }

    [SkippableFact]
    public async Task Paging_by_cursor_is_stable_while_resources_are_added()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 5; i++)
            await SaveAsync(store, HeartRate($"o{i}", "p1", $"2024-03-0{i + 1}T10:00:00Z"));
        var query = new SearchQuery("Observation", [], new SearchSort(SortKey.Date, Descending: true), 2);

        var first = await store.SearchAsync(query);
        await SaveAsync(store, HeartRate("late", "p1", "2024-03-09T10:00:00Z"));
        var second = await store.SearchAsync(query with { Cursor = first.Next });
        var back = await store.SearchAsync(query with { Cursor = second.Previous });

        Assert.Equal(["o4", "o3"], first.Matches.Select(m => m.Resource.Id));
        Assert.Equal(["o2", "o1"], second.Matches.Select(m => m.Resource.Id));
        Assert.True(second.HasNext);
        Assert.Equal(["o4", "o3"], back.Matches.Select(m => m.Resource.Id));
    }

    [SkippableFact]
    public async Task Streaming_matches_reads_every_page_in_the_query_order_as_the_stored_bytes_and_with_every_criterion()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 7; i++)
            await SaveAsync(store, HeartRate($"m{i}", i % 2 == 0 ? "p1" : "p2", $"2024-03-0{i + 1}T10:00:00Z", i == 4 ? "preliminary" : "final"));
        await SaveAsync(store, new Patient { Id = "p1" });
        var deleted = await SaveAsync(store, HeartRate("gone", "p1", "2024-03-09T10:00:00Z"));
        await using (var transaction = await store.BeginWriteAsync())
        {
            await transaction.DeleteAsync(deleted);
            await transaction.CommitAsync();
        }

        async Task<List<string>> Stream(SearchQuery query)
        {
            var lines = new List<string>();
            await foreach (var json in store.StreamMatchesAsync(query))
                lines.Add(System.Text.Encoding.UTF8.GetString(json.Span));
            return lines;
        }

        var patient = new ReferenceCriterion("patient", [new ReferenceValue("Patient", "p1")]);
        // Pages of 2 over 4 matches: the keyset cursor must neither skip nor repeat across page edges.
        var streamed = await Stream(new SearchQuery("Observation", [patient], SearchSort.Default, 2));
        Assert.Equal(["m0", "m2", "m4", "m6"], streamed.Select(j => System.Text.Json.JsonDocument.Parse(j).RootElement.GetProperty("id").GetString()));
        Assert.Equal((await store.ReadAsync("Observation", "m2"))!.Json, streamed[1]);
        var final = new TokenCriterion("status", [new TokenValue(null, "final")]);
        Assert.Equal(3, (await Stream(new SearchQuery("Observation", [patient, final], SearchSort.Default, 1))).Count);
        var newestFirst = await Stream(new SearchQuery("Observation", [patient], new SearchSort(SortKey.Date, Descending: true), 3));
        Assert.Equal(streamed.AsEnumerable().Reverse(), newestFirst);
        Assert.Empty(await Stream(new SearchQuery("Observation", [new ReferenceCriterion("patient", [new ReferenceValue("Patient", "nobody")])], SearchSort.Default, 2)));
        // Several values, typed and untyped: either patient's resources, each once.
        var both = new ReferenceCriterion("patient", [new ReferenceValue("Patient", "p1"), new ReferenceValue("Patient", "nobody"), new ReferenceValue(null, "p2")]);
        Assert.Equal(7, (await Stream(new SearchQuery("Observation", [both], SearchSort.Default, 3))).Distinct().Count());
        Assert.Equal(7, await store.CountAsync(new SearchQuery("Observation", [both], SearchSort.Default, 3)));
        // A resource holding the walked reference twice (Account.subject repeats) is one match, also across a page edge.
        await SaveAsync(store, new Account { Id = "twice", Status = Account.AccountStatus.Active, Subject = [new ResourceReference("Patient/p1"), new ResourceReference("Patient/p1")] });
        await SaveAsync(store, new Account { Id = "once", Status = Account.AccountStatus.Active, Subject = [new ResourceReference("Patient/p1")] });
        var subject = new ReferenceCriterion("subject", [new ReferenceValue("Patient", "p1")]);
        foreach (var size in new[] { 1, 2, 10 })
            Assert.Equal(2, (await Stream(new SearchQuery("Account", [subject], SearchSort.Default, size))).Count);
    }

    [SkippableFact]
    public async Task A_deleted_resource_leaves_search_but_keeps_its_history()
    {
        var store = await NewStoreAsync();
        var saved = await SaveAsync(store, HeartRate("gone", "p1", "2024-03-01T10:00:00Z"));
        await using (var transaction = await store.BeginWriteAsync())
        {
            await transaction.DeleteAsync(saved);
            await transaction.CommitAsync();
        }

        Assert.True((await store.ReadAsync("Observation", "gone"))!.Deleted);
        Assert.Empty((await store.SearchAsync(Query("Observation"))).Matches);
        Assert.Equal([2, 1], (await store.HistoryAsync("Observation", "gone", 10)).Select(v => v.VersionId));
    }

    [SkippableFact]
    public async Task An_uncommitted_write_leaves_nothing_behind()
    {
        var store = await NewStoreAsync();
        await using (var transaction = await store.BeginWriteAsync())
        {
            await transaction.SaveAsync(HeartRate("x", "p1", "2024-03-01T10:00:00Z"), null);
        }

        Assert.Null(await store.ReadAsync("Observation", "x"));
        Assert.Empty(await store.HistoryAsync("Observation", "x", 10));
    }

    [SkippableFact]
    public async Task A_write_from_a_stale_version_is_a_conflict()
    {
        var store = await NewStoreAsync();
        var first = await SaveAsync(store, HeartRate("race", "p1", "2024-03-01T10:00:00Z"));
        await SaveAsync(store, HeartRate("race", "p1", "2024-03-01T10:00:00Z", "amended"));

        await using var transaction = await store.BeginWriteAsync();
        var conflict = await Assert.ThrowsAsync<FhirOutcomeException>(() => transaction.SaveAsync(HeartRate("race", "p1", "2024-03-01T10:00:00Z"), first));
        Assert.Equal(409, conflict.Status);
    }

    [SkippableFact]
    public async Task Streaming_yields_every_current_resource_with_the_export_filters()
    {
        var store = await NewStoreAsync();
        await SaveAsync(store, new Patient { Id = "p1" });
        await SaveAsync(store, new Organization { Id = "org" });
        var before = await SaveAsync(store, HeartRate("a", "p1", "2024-03-01T10:00:00Z"));
        await SaveAsync(store, HeartRate("b", "p1", "2024-03-01T10:00:00Z"));

        async Task<List<string>> Stream(string type, StreamFilter filter)
        {
            var ids = new List<string>();
            await foreach (var resource in store.StreamAsync(type, filter))
                ids.Add(resource.Id);
            return ids;
        }

        Assert.Equal(["a", "b"], await Stream("Observation", StreamFilter.None));
        Assert.Equal(["b"], await Stream("Observation", new StreamFilter(Since: before.LastUpdated)));
        Assert.Equal(["a"], await Stream("Observation", new StreamFilter(Until: before.LastUpdated)));
        Assert.Equal(["Observation", "Patient"], await store.ResourceTypesAsync(patientCompartmentOnly: true));
        Assert.Equal(["Observation", "Organization", "Patient"], await store.ResourceTypesAsync(patientCompartmentOnly: false));
    }
}

/// <summary>The contract on SQLite.</summary>
public sealed class SqliteFhirStoreTests : FhirStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fhir-store-").FullName;

    protected override ConnectorDatabase NewDatabase() => new SqliteDatabase(Path.Combine(_folder, Guid.NewGuid().ToString("n") + ".db"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The contract on PostgreSQL, when <c>DATASPACE_TEST_POSTGRES</c> names a server.</summary>
public sealed class PostgresFhirStoreTests : FhirStoreContract
{
    protected override ConnectorDatabase NewDatabase() => TestPostgres.NewDatabase();
}
