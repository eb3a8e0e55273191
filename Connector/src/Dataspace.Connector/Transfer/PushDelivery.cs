using System.Net;
using System.Net.Http.Headers;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Protocol;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// Provider: the push step of a STARTED FHIR-PUSH transfer. The consumer's endpoint is checked against its DID document
/// again, the agreement is judged by <see cref="DataRelease.AuthoriseAsync"/>, and <see cref="DataRelease.ReleaseAsync"/>
/// writes straight into a streamed POST to it (no redirects, a timeout). Accepted → COMPLETED; refused by the usage
/// policy or by the consumer → TERMINATED with a reason safe to send; unreachable → retried by the outbox a bounded
/// number of times, then TERMINATED.
/// </summary>
public sealed class PushDelivery(
    TransferStore store, TransferActions actions, DataRelease release, DspClient dsp, IHttpClientFactory clients,
    IOptions<ConnectorOptions> options, ILogger<PushDelivery> logger)
{
    /// <summary>The outbox step that runs a push.</summary>
    public const string Step = "fhir-push";

    /// <summary>The named HTTP client pushes go out on (no redirects, 100-continue).</summary>
    public const string HttpClientName = "push";

    /// <summary>Runs the push of transfer <paramref name="id"/>; <paramref name="attemptsBefore"/> pushes of it failed already.</summary>
    public async Task RunAsync(string id, long attemptsBefore, CancellationToken cancellationToken)
    {
        var transfer = await store.FindAsync(id, cancellationToken);
        // Suspended, ended or refused since the step was queued: there is nothing to push now.
        if (transfer is null || transfer.Role != NegotiationRole.Provider || transfer.State != TransferState.Started
            || transfer.Push is not { Token: { } token } push)
            return;
        var settings = options.Value.Transfer.Push;
        var lastAttempt = attemptsBefore + 1 >= Math.Max(1, settings.Attempts);

        // The DID document may have changed since the request was accepted; data only goes where it says now.
        if (!await dsp.IsPublishedEndpointAsync(transfer.CounterPartyDid, ParticipantIdentity.PushServiceType, push.Endpoint, cancellationToken))
        {
            await FailedAsync(id, lastAttempt, "the push endpoint is not published in the consumer's DID document", cancellationToken);
            return;
        }
        var grant = await release.AuthoriseAsync(transfer, push.Selection.ResourceType, null, cancellationToken);
        if (!grant.IsGranted)
        {
            await EndAsync(id, TransferAction.Terminate, grant.Reason, cancellationToken);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout(settings, options.Value.Outbox.LeaseDuration));
        using var content = new PushContent(release, grant, push.Selection);
        using var request = new HttpRequestMessage(HttpMethod.Post, push.Endpoint) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // The consumer refuses a bad token before it reads the body; with 100-continue the body (and the release that
        // writes it) is only produced once the consumer has accepted the request.
        request.Headers.ExpectContinue = true;
        string failure;
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.IsSuccessStatusCode && content.Summary is { } summary)
            {
                logger.LogInformation("Transfer {Id}: pushed {Resources} resources ({Permitted} patients released, {Denied} denied)",
                    id, summary.Resources, summary.PermittedPatients, summary.DeniedPatients);
                await EndAsync(id, TransferAction.Complete, "pushed", cancellationToken);
                return;
            }
            // A 4xx says the consumer will not take this push however often it comes; 408 and 429 ask for a later try.
            if ((int)response.StatusCode is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
            {
                await EndAsync(id, TransferAction.Terminate, $"the consumer refused the pushed data ({(int)response.StatusCode})", cancellationToken);
                return;
            }
            // A success without the body (answered before 100 Continue) delivered nothing: it is no completion.
            failure = response.IsSuccessStatusCode
                ? "the consumer's receiver answered before taking the data"
                : $"the consumer's receiver answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException)
        {
            failure = "the consumer's receiver could not be reached or broke off";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = "the push timed out";
        }
        catch (IOException)
        {
            failure = "the connection to the consumer's receiver broke off";
        }
        await FailedAsync(id, lastAttempt, failure, cancellationToken);
    }

    /// <summary>The push may not outlive its outbox lease, or another run would take the step up beside it.</summary>
    public static TimeSpan Timeout(PushOptions settings, TimeSpan leaseDuration)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ceiling = leaseDuration * 0.9;
        return settings.Timeout <= TimeSpan.Zero || settings.Timeout > ceiling ? ceiling : settings.Timeout;
    }

    // Before the last attempt the outbox retries the step with backoff (it retries on HttpRequestException); after it,
    // the transfer ends.
    private async Task FailedAsync(string id, bool lastAttempt, string failure, CancellationToken cancellationToken)
    {
        if (!lastAttempt)
            throw new HttpRequestException(failure);
        logger.LogWarning("Transfer {Id}: push given up: {Failure}", id, failure);
        await EndAsync(id, TransferAction.Terminate, "the data could not be delivered: " + failure, cancellationToken);
    }

    private async Task EndAsync(string id, TransferAction action, string? reason, CancellationToken cancellationToken)
    {
        var outcome = await actions.ActAsync(id, action, reason, cancellationToken);
        // Suspended or terminated by either side while the push ran: that move stands, and this one is dropped.
        if (outcome.Transfer is null)
            logger.LogInformation("Transfer {Id}: push finished but the transfer could not {Action}: {Problem}", id, action.ToString().ToLowerInvariant(), outcome.Problem);
    }
}
