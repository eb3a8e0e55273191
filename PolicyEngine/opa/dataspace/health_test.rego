package dataspace.health_test

import rego.v1

import data.dataspace.health

research_input := {
	"policyUid": "https://hrs.example/policy/1",
	"request": {
		"purpose": "http://terminology.hl7.org/CodeSystem/v3-ActReason#HRESCH",
		"purposes": [
			"http://terminology.hl7.org/CodeSystem/v3-ActReason#HRESCH",
			"https://w3id.org/dpv#ResearchAndDevelopment",
			"https://w3id.org/dpv#ScientificResearch",
		],
		"country": "LU",
		"countryGroups": ["EEA", "EU"],
	},
	"decision": {"effect": "permit", "duties": ["urn:dataspace:policy:pseudonymise"], "reason": "permitted with duties: pseudonymise"},
}

treatment_input(country, groups) := {
	"request": {
		"purpose": "http://terminology.hl7.org/CodeSystem/v3-ActReason#ETREAT",
		"purposes": [
			"http://terminology.hl7.org/CodeSystem/v3-ActReason#ETREAT",
			"http://terminology.hl7.org/CodeSystem/v3-ActReason#TREAT",
		],
		"country": country,
		"countryGroups": groups,
	},
	"decision": {"effect": "permit", "duties": [], "reason": "permitted"},
}

test_research_with_pseudonymisation_is_allowed if {
	health.decision.allow with input as research_input
}

test_research_without_pseudonymisation_is_denied if {
	d := health.decision with input as json.patch(research_input, [{"op": "replace", "path": "/decision/duties", "value": []}])
	not d.allow
	d.reasons == ["research access requires a pseudonymisation duty"]
}

test_treatment_in_the_eea_is_allowed if {
	health.decision.allow with input as treatment_input("NO", ["EEA"])
}

test_treatment_outside_the_eea_is_denied if {
	not health.decision.allow with input as treatment_input("US", [])
}

test_a_local_deny_is_never_allowed if {
	not health.allow with input as json.patch(research_input, [{"op": "replace", "path": "/decision/effect", "value": "deny"}])
}
