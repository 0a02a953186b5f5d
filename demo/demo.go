// Package demo holds the Shapingba 2022 demo plan: 沙坪坝区2022年“四个示范区”建设,
// written by hand as a lantu plan file (format lantu-plan/1) from a Chongqing
// Daily article of March 2022, together with the article itself.
//
// Files holds three files: PlanFile, the plan; InvestFile, the investment centre's
// data; and cqrb-2022-shapingba.txt, a byte-for-byte copy of the article. Every source span in the plan is a pair
// of code-point (rune) offsets into that text. The departments in the plan are
// inferred (the article names no owners), and every monthly report in it is an
// illustrative figure invented for the demo dashboard, marked illustrative.
package demo

import "embed"

// Files holds the plan file and the article its spans point into.
//
//go:embed shapingba-2022.yaml cqrb-2022-shapingba.txt invest-2022.yaml
var Files embed.FS

// PlanFile is the name of the plan file in Files.
const PlanFile = "shapingba-2022.yaml"

// InvestFile is the name of the investment centre's demo data in Files (format
// lantu-invest/1): an officer, rates, chains, enterprises, leads with their history and
// funds, the article's three visits, and the indicators the pipeline feeds.
const InvestFile = "invest-2022.yaml"
