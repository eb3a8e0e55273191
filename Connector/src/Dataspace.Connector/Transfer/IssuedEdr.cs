namespace Dataspace.Connector.Transfer;

/// <summary>Tokens just issued for a transfer, in clear, to be sent once to the consumer and never stored.</summary>
/// <param name="AccessToken">The bearer token for the data plane.</param>
/// <param name="RefreshToken">The single-use token that obtains the next pair.</param>
/// <param name="Lifetime">How long the access token lives.</param>
public sealed record IssuedEdr(string AccessToken, string RefreshToken, TimeSpan Lifetime);
