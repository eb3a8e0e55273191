# Second opinion on health-data requests the connector's ODRL evaluator has already permitted.
# The connector queries POST /v1/data/dataspace/health/decision with the input described in ../README.md
# and permits only on {"allow": true}; any other answer, or none, is a deny.
package dataspace.health

import rego.v1

research := "https://w3id.org/dpv#ScientificResearch"

treatment := "http://terminology.hl7.org/CodeSystem/v3-ActReason#TREAT"

# Duty actions that de-identify data before it leaves the provider.
deidentifying_duties := {
	"urn:dataspace:policy:pseudonymise",
	"http://www.w3.org/ns/odrl/2/anonymize",
}

default allow := false

allow if {
	input.decision.effect == "permit"
	count(deny_reasons) == 0
}

# EHDS secondary use: research gets pseudonymised data only.
deny_reasons contains "research access requires a pseudonymisation duty" if {
	research in input.request.purposes
	not deidentified
}

# Treatment data stays within the EU/EEA.
deny_reasons contains "treatment access is limited to EU/EEA countries" if {
	treatment in input.request.purposes
	not "EEA" in input.request.countryGroups
}

deidentified if {
	some duty in input.decision.duties
	duty in deidentifying_duties
}

decision := {
	"allow": allow,
	"reasons": sort(deny_reasons),
}
