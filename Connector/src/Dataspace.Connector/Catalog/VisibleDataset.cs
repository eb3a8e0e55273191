using System.Text.Json.Nodes;
using Dataspace.Catalog.Assets;

namespace Dataspace.Connector.Catalog;

/// <summary>An asset one requester may see, with the offers the contract definitions admitting that requester make for it.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Offers">DSP <c>Offer</c> bodies, one per admitting contract definition.</param>
/// <param name="OfferKey">Names the admitting definitions and the exact policy versions behind the offers, so the dataset's JSON can be cached.</param>
public sealed record VisibleDataset(Asset Asset, IReadOnlyList<JsonObject> Offers, string OfferKey = "");
