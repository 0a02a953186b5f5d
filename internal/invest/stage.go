package invest

import (
	"slices"
	"strings"
	"time"
)

// Stage is where a project lead stands in the pipeline, in the order Chinese investment
// offices use; Terminated (终止) leaves the pipeline from any stage before 投产.
type Stage string

const (
	StageClue        Stage = "clue"        // 线索: a name and a hint
	StageContact     Stage = "contact"     // 接洽: first contact made
	StageVisit       Stage = "visit"       // 拜访: visited, or visited us
	StageNegotiation Stage = "negotiation" // 在谈: terms under negotiation
	StageSigned      Stage = "signed"      // 签约: agreement signed
	StageLanded      Stage = "landed"      // 落地/入驻: registered or moved in
	StageStarted     Stage = "started"     // 开工: construction started
	StageProducing   Stage = "producing"   // 投产: producing
	StageTerminated  Stage = "terminated"  // 终止: given up, with a reason
)

// Stages are the pipeline's stages in order, without Terminated.
var Stages = []Stage{StageClue, StageContact, StageVisit, StageNegotiation, StageSigned, StageLanded, StageStarted, StageProducing}

// Rank is a stage's place in the pipeline (0 for 线索); -1 for Terminated or unknown.
func (s Stage) Rank() int { return slices.Index(Stages, s) }

// Valid reports whether s is a stage lantu knows.
func (s Stage) Valid() bool { return s == StageTerminated || s.Rank() >= 0 }

// stageNames are the Chinese names people type and the sheets carry.
var stageNames = map[string]Stage{
	"线索": StageClue, "接洽": StageContact, "拜访": StageVisit, "在谈": StageNegotiation, "签约": StageSigned,
	"落地": StageLanded, "入驻": StageLanded, "落地/入驻": StageLanded, "开工": StageStarted, "投产": StageProducing, "终止": StageTerminated,
}

// ParseStage reads a stage by its code (landed) or Chinese name (落地, 入驻).
func ParseStage(s string) (Stage, error) {
	s = strings.TrimSpace(s)
	if st := Stage(strings.ToLower(s)); st.Valid() {
		return st, nil
	}
	if st, ok := stageNames[s]; ok {
		return st, nil
	}
	return "", invalid("stage", "stage.unknown", s)
}

// MaxReasonLen bounds a termination reason, in characters.
const MaxReasonLen = 500

// Move is one step of a lead through the pipeline: who moved it, when, from and to,
// the date the new stage was reached (the day of signing, say), and for 终止 and a
// reopening the reason.
type Move struct {
	ID     int64     `json:"id"`
	LeadID int64     `json:"lead_id"`
	From   Stage     `json:"from"`
	To     Stage     `json:"to"`
	On     time.Time `json:"on"` // the date the stage was reached, China date at midnight UTC
	Reason string    `json:"reason,omitempty"`
	By     int64     `json:"by"`
	ByName string    `json:"by_name,omitempty"`
	At     time.Time `json:"at"`
}

// CheckMove says whether a lead may move from one stage to another, with a reason when
// one is needed:
//
//   - forward to any later stage (a lead may skip: 接洽 → 在谈 when the visit was ours to host);
//   - to 终止 from any stage before 投产, with a reason;
//   - from 终止 back to the stage it left (reopened), with a reason;
//   - never backward, never to the same stage, never out of 投产.
//
// before is the stage a terminated lead left (ignored otherwise).
func CheckMove(from, to, before Stage, reason string) error {
	const field = "stage"
	if !to.Valid() {
		return invalid(field, "stage.unknown", string(to))
	}
	reason = strings.TrimSpace(reason)
	if len([]rune(reason)) > MaxReasonLen {
		return invalid("reason", "reason.too_long", MaxReasonLen)
	}
	switch {
	case from == to:
		return invalid(field, "move.same", string(from))
	case from == StageProducing:
		return invalid(field, "move.final", string(from), string(to))
	case to == StageTerminated:
		if reason == "" {
			return invalid("reason", "move.reason_required", string(to))
		}
		return nil
	case from == StageTerminated:
		if to != before {
			return invalid(field, "move.reopen", string(before), string(to))
		}
		if reason == "" {
			return invalid("reason", "move.reason_required", string(to))
		}
		return nil
	case to.Rank() < from.Rank():
		return invalid(field, "move.backward", string(from), string(to))
	}
	return nil
}

// Reached is the date a lead first reached stage s or any later one, from its moves in
// order: a lead that went 签约 → 开工 landed that day too. ok is false when it never did.
// A lead created at a stage has a first move from "" recording it.
func Reached(moves []Move, s Stage) (time.Time, bool) {
	for _, m := range moves {
		if m.To != StageTerminated && m.To.Rank() >= s.Rank() {
			return m.On, true
		}
	}
	return time.Time{}, false
}

// StageDates lists, for each stage of the pipeline, the date the lead reached it (zero
// when it has not), as the lead page shows them.
func StageDates(moves []Move) map[Stage]time.Time {
	out := map[Stage]time.Time{}
	for _, s := range Stages {
		if d, ok := Reached(moves, s); ok {
			out[s] = d
		}
	}
	return out
}

// StageBefore is the stage a terminated lead left: the From of its last move to 终止.
func StageBefore(moves []Move) Stage {
	for i := len(moves) - 1; i >= 0; i-- {
		if moves[i].To == StageTerminated {
			return moves[i].From
		}
	}
	return ""
}

// NextStages are the stages a lead may be moved to from s, in order, for the board's
// buttons (Terminated last; the reopening stage for a terminated lead).
func NextStages(s, before Stage) []Stage {
	switch s {
	case StageTerminated:
		if before != "" {
			return []Stage{before}
		}
		return nil
	case StageProducing:
		return nil
	}
	var out []Stage
	for _, t := range Stages {
		if t.Rank() > s.Rank() {
			out = append(out, t)
		}
	}
	return append(out, StageTerminated)
}
