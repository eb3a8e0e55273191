namespace Dataspace.Connector.Transfer;

/// <summary>What the receiver made of one push: stored (resources, bytes), or refused with its status and a reason.</summary>
public sealed record PushReceipt(int Status, string? Error, string? Message, long Resources = 0, long Bytes = 0)
{
    /// <summary>True when the delivery was stored.</summary>
    public bool IsStored => Error is null;

    /// <summary>A stored delivery.</summary>
    public static PushReceipt Stored(long resources, long bytes) => new(StatusCodes.Status200OK, null, null, resources, bytes);

    /// <summary>A refused delivery; nothing of it was kept.</summary>
    public static PushReceipt Refused(int status, string error, string message) => new(status, error, message);
}
