Feature: Participants know each other by their decentralised identifiers
  Every connector publishes a did:web document with its ES256 key and its Dataspace Protocol endpoints.
  Every protocol request carries a self-issued token signed with that key. Members are served;
  forged, stale, replayed or misaddressed requests are refused without revealing why.

  Scenario Outline: Two hospitals resolve each other and exchange signed requests
    Given the hospital "hrs" and the partner hospital "partner-de" run connectors on loopback with <storage> storage
    When "hrs" resolves the DID of "partner-de"
    Then the DID document holds one P-256 key that may sign requests
    And the DID document names the DSP version metadata of "partner-de"
    And the version metadata of "partner-de" advertises DSP "2025-1" over "HTTPS"
    And a signed catalog request from "hrs" to "partner-de" is answered with the catalog of "partner-de"
    And a signed catalog request from "partner-de" to "hrs" is answered with the catalog of "hrs"

    Examples:
      | storage  |
      | SQLite   |
      | PostgreSQL |

  Scenario Outline: Requests that must be refused
    Given the hospital "hrs" and the partner hospital "partner-de" run connectors on loopback with <storage> storage
    And a connector "stranger" that is not a member of the dataspace
    When "<sender>" sends "hrs" a catalog request with <token>
    Then "hrs" answers <status> with a DSP "CatalogError" that names no reason but "<reason>"
    And "hrs" still serves a signed catalog request from "partner-de"

    Examples:
      | storage    | sender     | token                                | status | reason       |
      | SQLite     | stranger   | a valid token                        | 404    | not found    |
      | SQLite     | partner-de | an expired token                     | 401    | unauthorized |
      | SQLite     | partner-de | a token that was already used        | 401    | unauthorized |
      | SQLite     | partner-de | a token addressed to another member  | 401    | unauthorized |
      | SQLite     | partner-de | no token                             | 401    | unauthorized |
      | PostgreSQL | stranger   | a valid token                        | 404    | not found    |
      | PostgreSQL | partner-de | an expired token                     | 401    | unauthorized |
      | PostgreSQL | partner-de | a token that was already used        | 401    | unauthorized |
      | PostgreSQL | partner-de | a token addressed to another member  | 401    | unauthorized |
