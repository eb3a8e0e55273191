using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Dataspace.Fhir.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dataspace.Fhir.Export;

/// <summary>
/// Runs Bulk Data exports in the background: each type is streamed from the store row by row into one NDJSON file in
/// the export folder, so memory stays flat whatever the size. Exports live in this process: a restart
/// forgets them and their status URLs answer 404 (their files stay in the export folder until removed).
/// </summary>
public sealed class ExportJobs(IFhirStore store, IOptions<FhirOptions> options, TimeProvider time, ILogger<ExportJobs> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ExportJob> _jobs = new(StringComparer.Ordinal);
    private readonly Lock _starting = new();

    /// <summary>Starts an export; throws 429 while <see cref="FhirOptions.MaxConcurrentExports"/> are running.</summary>
    public ExportJob Start(ExportRequest request)
    {
        ExportJob job;
        // Counting and adding under one lock, so two kick-offs at once cannot both take the last slot.
        lock (_starting)
        {
            if (_jobs.Values.Count(j => j.State == ExportState.Running) >= options.Value.MaxConcurrentExports)
                throw new FhirOutcomeException(429, [FhirIssue.Error(Hl7.Fhir.Model.OperationOutcome.IssueType.Throttled, "Too many exports are running; retry later.")]);
            var id = Guid.NewGuid().ToString("n");
            job = new ExportJob(id, request, time.GetUtcNow(), Path.Combine(Path.GetFullPath(options.Value.ExportFolder), id));
            _jobs[id] = job;
        }
        _ = Task.Run(() => RunAsync(job));
        return job;
    }

    /// <summary>The export with this id, or null.</summary>
    public ExportJob? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>Cancels a running export or discards a finished one, deleting its files; false for an unknown id.</summary>
    public async Task<bool> DeleteAsync(string id)
    {
        if (!_jobs.TryRemove(id, out var job))
            return false;
        await job.Cancellation.CancelAsync();
        await job.Completion;
        DeleteFolder(job);
        job.Cancellation.Dispose();
        return true;
    }

    /// <summary>The path of one of the export's files, or null when the export has no such file.</summary>
    public string? FileOf(ExportJob job, string fileName) =>
        job.State == ExportState.Completed && job.Outputs.Any(o => o.FileName == fileName) ? Path.Combine(job.Folder, fileName) : null;

    /// <summary>Cancels every running export when the host stops.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var job in _jobs.Values)
        {
            await job.Cancellation.CancelAsync();
            await job.Completion;
        }
    }

    private async Task RunAsync(ExportJob job)
    {
        var cancellationToken = job.Cancellation.Token;
        try
        {
            Directory.CreateDirectory(job.Folder);
            var types = job.Request.Types.Count > 0 ? job.Request.Types : await store.ResourceTypesAsync(job.Request.PatientCompartment, cancellationToken);
            var filter = new StreamFilter(job.Request.Since, job.TransactionTime, job.Request.PatientCompartment);
            for (var i = 0; i < types.Count; i++)
            {
                job.Report(string.Create(CultureInfo.InvariantCulture, $"exporting {types[i]} ({i + 1} of {types.Count})"));
                var fileName = types[i] + ".ndjson";
                var count = await WriteAsync(Path.Combine(job.Folder, fileName), store.StreamAsync(types[i], filter, cancellationToken), cancellationToken);
                if (count > 0)
                    job.Add(new ExportOutput(types[i], fileName, count));
                else
                    File.Delete(Path.Combine(job.Folder, fileName));
            }
            job.Report("done");
            job.Finish(ExportState.Completed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            job.Finish(ExportState.Failed);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Bulk Data export {Export} failed", job.Id);
            job.Report("failed");
            job.Finish(ExportState.Failed);
        }
    }

    private static async Task<long> WriteAsync(string path, IAsyncEnumerable<StoredResource> resources, CancellationToken cancellationToken)
    {
        var count = 0L;
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true);
        await using var writer = new StreamWriter(file, new UTF8Encoding(false), 64 * 1024);
        await foreach (var resource in resources.WithCancellation(cancellationToken))
        {
            // Stored JSON is compact and single-line, so each resource is one NDJSON line as it is.
            await writer.WriteAsync(resource.Json.AsMemory(), cancellationToken);
            await writer.WriteAsync('\n');
            count++;
        }
        return count;
    }

    private void DeleteFolder(ExportJob job)
    {
        try
        {
            if (Directory.Exists(job.Folder))
                Directory.Delete(job.Folder, recursive: true);
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not delete the files of export {Export}", job.Id);
        }
    }
}
