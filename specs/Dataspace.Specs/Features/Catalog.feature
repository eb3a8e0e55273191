Feature: Researchers discover hospital datasets through the federated catalog
  The hospital publishes HealthDCAT-AP datasets with ODRL offers. Every member's connector fetches every other
  member's Dataspace Protocol catalog and indexes it for search. An access policy decides who sees a dataset:
  a dataset a member is not admitted to is invisible to it, in the catalog and by id.

  Background:
    Given the hospital "hrs", the partner hospital "partner-de" and the research institute "research" run connectors on loopback
    And "hrs" publishes the example catalog

  Scenario: The research institute discovers the hospital's trend dataset
    When "research" crawls the federated catalog
    And "research" searches the federated catalog for "hypertension trends"
    Then it finds "home-monitoring-trends" of "hrs"
    And the hit's offer permits the purpose "HRESCH"
    And the hit names the health category "MEDICAL_DEVICE_DATA" and the country "LU"

  Scenario: A participant not admitted by the access policy does not see a restricted dataset
    When "research" crawls the federated catalog
    Then "research" does not find "cardiology-records" in the federated catalog
    And "hrs" answers "research" that dataset "cardiology-records" does not exist
    When "partner-de" crawls the federated catalog
    Then "partner-de" finds "cardiology-records" in the federated catalog
