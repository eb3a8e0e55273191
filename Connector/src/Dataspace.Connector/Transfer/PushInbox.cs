using System.Text;
using System.Text.Json;
using Dataspace.Connector.Hosting;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// Consumer: the data pushed to this connector, one NDJSON file per transfer under
/// <c>{DataFolder}/received/{transfer}/{resourceType}.ndjson</c>. A delivery is written to a temporary file, checked
/// (size cap, one JSON resource of the agreed type per line) and only then moved over the previous one, so a repeated
/// push replaces it whole and a bad one changes nothing.
/// </summary>
public sealed class PushInbox(IOptions<ConnectorOptions> options)
{
    private const int BufferSize = 64 * 1024;

    /// <summary>Stores <paramref name="body"/> as the data of <paramref name="transfer"/> (a consumer's push), or refuses it.</summary>
    public async Task<PushReceipt> StoreAsync(TransferProcess transfer, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(body);
        var selection = transfer.Push?.Selection ?? throw new InvalidOperationException("not a push transfer");
        var folder = FolderOf(transfer);
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Guid.NewGuid():n}.part");
        try
        {
            var bytes = await CopyLimitedAsync(body, temporary, options.Value.Transfer.Push.MaxBytes, cancellationToken);
            if (bytes is null)
                return PushReceipt.Refused(StatusCodes.Status413PayloadTooLarge, "too_large", $"A delivery may hold at most {options.Value.Transfer.Push.MaxBytes} bytes.");
            var resources = await CountResourcesAsync(temporary, selection.ResourceType, cancellationToken);
            if (resources is null)
                return PushReceipt.Refused(StatusCodes.Status400BadRequest, "invalid_ndjson", $"Every line must be one JSON {selection.ResourceType} resource.");
            File.Move(temporary, PathOf(transfer), overwrite: true);
            return PushReceipt.Stored(resources.Value, bytes.Value);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The file holding the latest delivery of <paramref name="transfer"/>, or null when nothing has arrived.</summary>
    public FileInfo? Find(TransferProcess transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        if (transfer.Push is null)
            return null;
        var file = new FileInfo(PathOf(transfer));
        return file.Exists ? file : null;
    }

    private string PathOf(TransferProcess transfer) => Path.Combine(FolderOf(transfer), transfer.Push!.Selection.ResourceType + ".ndjson");

    // The transfer's own pid (urn:uuid:…) names the folder; characters a file system may not take become '_'.
    private string FolderOf(TransferProcess transfer) =>
        Path.Combine(options.Value.Participant.DataFolder, "received", new string(transfer.Id.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_').ToArray()));

    /// <summary>Copies at most <paramref name="limit"/> bytes to <paramref name="path"/>; null when there were more.</summary>
    private static async Task<long?> CopyLimitedAsync(Stream source, string path, long limit, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        var buffer = new byte[BufferSize];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
                return null;
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        await file.FlushAsync(cancellationToken);
        return total;
    }

    /// <summary>The number of resources when every non-empty line is a JSON object of <paramref name="resourceType"/>; null otherwise.</summary>
    private static async Task<long?> CountResourcesAsync(string path, string resourceType, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        long count = 0;
        try
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0)
                    continue;
                using var resource = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 128 });
                if (resource.RootElement.ValueKind != JsonValueKind.Object
                    || !resource.RootElement.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String
                    || type.GetString() != resourceType)
                    return null;
                count++;
            }
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException)
        {
            return null;
        }
        return count;
    }
}
