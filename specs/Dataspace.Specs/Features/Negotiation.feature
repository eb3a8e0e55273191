Feature: Hospitals and researchers negotiate contracts for the hospital's data
  A consumer negotiates an offer from the provider's catalog over the Dataspace Protocol. The provider evaluates
  its contract policy for every purpose of use the consumer is entitled to and agrees when one is permitted; both
  sides then hold the same agreement. A refused consumer is told why in terms that reveal nothing of the policy,
  while the provider's operator reads the full explanation in the negotiation's history.

  Background:
    Given the hospital "hrs", the partner hospital "partner-de" entitled to treatment and emergency treatment and the research institute "research" entitled to health research run connectors on loopback
    And "hrs" offers its ambulance vitals stream to hospitals in the EU for emergency treatment
    And "hrs" offers its wearable trends to every member for treatment

  Scenario: The partner hospital negotiates the ambulance stream for emergency treatment
    When "partner-de" negotiates the offer for "ambulance-vitals-stream" with "hrs"
    Then the negotiation reaches "FINALIZED" at "partner-de" and at "hrs"
    And both hold the same agreement on "ambulance-vitals-stream" from "hrs" to "partner-de"

  Scenario: The research institute is refused an offer whose purpose is treatment, and sees why
    When "research" negotiates the offer for "wearable-trends" with "hrs"
    Then the negotiation reaches "TERMINATED" at "research" and at "hrs"
    And "research" was told "denied: purpose not permitted"
    And the operator of "hrs" reads that health research was evaluated against treatment
