namespace Dataspace.Connector.Transfer;

/// <summary>A message already processed, so a redelivery gets the same answer without a second transition.</summary>
/// <param name="Digest">SHA-256 of the message body as received.</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="State">The state the acknowledgement reported.</param>
/// <param name="Position">How many history entries the transfer had right after it; a later entry means the message is no longer the latest.</param>
public sealed record TransferReceipt(string Digest, int Status, TransferState State, int Position);
