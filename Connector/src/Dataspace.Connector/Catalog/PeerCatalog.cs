using System.Text.Json;

namespace Dataspace.Connector.Catalog;

/// <summary>The last catalog fetched from a peer, or why the last fetch failed.</summary>
/// <param name="ParticipantDid">The peer.</param>
/// <param name="Catalog">The catalog as received; absent until a fetch has succeeded.</param>
/// <param name="FetchedAt">When the catalog was fetched.</param>
/// <param name="LastAttempt">When a fetch was last tried.</param>
/// <param name="LastError">The last failure, cleared by a success.</param>
public sealed record PeerCatalog(string ParticipantDid, JsonElement? Catalog, DateTimeOffset? FetchedAt, DateTimeOffset LastAttempt, string? LastError);
