Feature: A partner hospital pulls an emergency patient's cardiology records
  After an agreement, the partner hospital starts a FHIR pull: the provider answers with an endpoint and a short-lived
  token bound to the transfer (an EDR). Every pull passes the provider's enforcement chain: the token, the transfer's
  state, the agreement's usage constraints, each patient's consent, and one entry in the provider's ledger. A patient
  who denied sharing never appears; once the agreement's count is used up, the next pull is refused. Each patient can
  be told, from the ledger, who accessed their data, when, why, under which agreement and with which decision.

  Background:
    Given the hospital "hrs", the partner hospital "partner-de" entitled to treatment and emergency treatment and the research institute "research" entitled to health research run connectors on loopback
    And "hrs" offers its cardiology records to hospitals for treatment, at most 2 pulls per agreement
    And "hrs" holds heart-rate Observations of patient "anna", who consents to treatment, and of patient "bruno", who denied sharing

  Scenario: The partner hospital receives the consenting patient's records, never the denying patient's
    When "partner-de" concludes an agreement on the cardiology records with "hrs" and starts a FHIR pull
    And "partner-de" pulls the Observations of "anna" and "bruno"
    Then "partner-de" receives the Observations of "anna" only
    And the ledger of "hrs" records 1 data access
    And the access report of "anna" at "hrs" lists 1 access by "partner-de" for "TREAT" with decision "permit" and 1 resource
    And the access report of "bruno" at "hrs" lists 1 access by "partner-de" for "TREAT" with decision "deny" and 0 resources

  Scenario: After the agreement's count is used up the next pull is refused
    When "partner-de" concludes an agreement on the cardiology records with "hrs" and starts a FHIR pull
    And "partner-de" pulls the Observations of "anna" and "bruno"
    And "partner-de" pulls the Observations of "anna" and "bruno"
    Then the next pull of "partner-de" is refused because the agreement is used up
    And the ledger of "hrs" records 3 data accesses
    And the access report of "anna" at "hrs" lists 2 accesses by "partner-de" for "TREAT" with decision "permit" and 1 resource
