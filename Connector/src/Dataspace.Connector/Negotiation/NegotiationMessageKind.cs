namespace Dataspace.Connector.Negotiation;

/// <summary>The DSP messages that move a contract negotiation.</summary>
public enum NegotiationMessageKind
{
    /// <summary><c>ContractRequestMessage</c>, initial or counter-request; consumer only.</summary>
    ContractRequest,

    /// <summary><c>ContractOfferMessage</c>, initial or counter-offer; provider only.</summary>
    ContractOffer,

    /// <summary><c>ContractNegotiationEventMessage</c> with <c>ACCEPTED</c>; consumer only.</summary>
    Accepted,

    /// <summary><c>ContractAgreementMessage</c>; provider only.</summary>
    Agreement,

    /// <summary><c>ContractAgreementVerificationMessage</c>; consumer only.</summary>
    Verification,

    /// <summary><c>ContractNegotiationEventMessage</c> with <c>FINALIZED</c>; provider only.</summary>
    Finalized,

    /// <summary><c>ContractNegotiationTerminationMessage</c>; either side.</summary>
    Termination,
}
