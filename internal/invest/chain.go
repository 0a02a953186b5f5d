package invest

import (
	"slices"
	"strings"
)

// Chain is an industry chain the district promotes along (新能源智能网联汽车, 医疗器械 …).
type Chain struct {
	ID       int64  `json:"id"`
	RegionID int64  `json:"region_id"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Position int    `json:"position"`
}

// Link is one link of a chain (整车 → 底盘 → 轻量化底盘模块): a node of its tree.
type Link struct {
	ID       int64  `json:"id"`
	ChainID  int64  `json:"chain_id"`
	ParentID int64  `json:"parent_id,omitempty"` // 0 for a top link
	Code     string `json:"code"`
	Name     string `json:"name"`
	// Extension marks a link the district does not have yet and means to add to the chain
	// (延链): a new segment up- or downstream, not a hole in the existing one.
	Extension bool `json:"extension,omitempty"`
	Position  int  `json:"position"`
}

// Gap says what a link needs, as investment offices say it.
type Gap string

const (
	GapNone       Gap = ""           // two or more enterprises in the district
	GapFill       Gap = "fill"       // 补链: nobody in the district at this link
	GapExtend     Gap = "extend"     // 延链: a new segment to add to the chain
	GapStrengthen Gap = "strengthen" // 强链: one enterprise only; one more makes it robust
)

// GapOf classifies a link by the enterprises settled at it.
func GapOf(l Link, settled int) Gap {
	switch {
	case settled == 0 && l.Extension:
		return GapExtend
	case settled == 0:
		return GapFill
	case settled == 1:
		return GapStrengthen
	}
	return GapNone
}

// LinkNode is a link in the tree with what is at it: the enterprises in the district,
// the candidates being pursued (enterprises not settled, and leads on their way), and
// its gap.
type LinkNode struct {
	Link
	Depth      int          `json:"depth"`
	Settled    []Enterprise `json:"settled"`
	Candidates []Enterprise `json:"candidates"`
	Leads      []Lead       `json:"leads"`
	Gap        Gap          `json:"gap"`
	Children   []*LinkNode  `json:"children,omitempty"`
}

// BuildTree arranges a chain's links as a tree (children in position order) and puts
// each enterprise and active lead at its links. Links whose parent is unknown become top
// links, so a broken parent never hides a link.
func BuildTree(links []Link, enterprises []Enterprise, leads []Lead) []*LinkNode {
	nodes := map[int64]*LinkNode{}
	for _, l := range links {
		nodes[l.ID] = &LinkNode{Link: l, Settled: []Enterprise{}, Candidates: []Enterprise{}, Leads: []Lead{}}
	}
	for _, e := range enterprises {
		for _, id := range e.LinkIDs {
			n, ok := nodes[id]
			if !ok {
				continue
			}
			if e.Settled {
				n.Settled = append(n.Settled, e)
			} else {
				n.Candidates = append(n.Candidates, e)
			}
		}
	}
	for _, l := range leads {
		if n, ok := nodes[l.LinkID]; ok && l.Stage != StageTerminated {
			n.Leads = append(n.Leads, l)
		}
	}
	var roots []*LinkNode
	ordered := slices.Clone(links)
	slices.SortStableFunc(ordered, func(a, b Link) int {
		if a.Position != b.Position {
			return a.Position - b.Position
		}
		return strings.Compare(a.Code, b.Code)
	})
	for _, l := range ordered {
		n := nodes[l.ID]
		if p, ok := nodes[l.ParentID]; ok && l.ParentID != l.ID {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	var depth func(ns []*LinkNode, d int, seen map[int64]bool)
	depth = func(ns []*LinkNode, d int, seen map[int64]bool) {
		for _, n := range ns {
			if seen[n.ID] {
				continue
			}
			seen[n.ID] = true
			n.Depth = d
			depth(n.Children, d+1, seen)
		}
	}
	depth(roots, 0, map[int64]bool{})
	// A link's gap counts the enterprises at it and below it: 底盘系统 is not a hole when
	// 拓普 makes its lightweight modules.
	var settled func(n *LinkNode, seen map[int64]bool) int
	settled = func(n *LinkNode, seen map[int64]bool) int {
		if seen[n.ID] {
			return 0
		}
		seen[n.ID] = true
		c := len(n.Settled)
		for _, ch := range n.Children {
			c += settled(ch, seen)
		}
		n.Gap = GapOf(n.Link, c)
		return c
	}
	for _, r := range roots {
		settled(r, map[int64]bool{})
	}
	return roots
}

// Flatten lists a tree depth first, as a page shows it with indentation.
func Flatten(roots []*LinkNode) []*LinkNode {
	var out []*LinkNode
	var walk func([]*LinkNode)
	walk = func(ns []*LinkNode) {
		for _, n := range ns {
			out = append(out, n)
			walk(n.Children)
		}
	}
	walk(roots)
	return out
}

// ValidateLinks checks a chain's links: codes unique and present, names present, and no
// link its own ancestor.
func ValidateLinks(links []Link) error {
	var es Errors
	byID := map[int64]Link{}
	codes := map[string]bool{}
	for _, l := range links {
		byID[l.ID] = l
		if strings.TrimSpace(l.Name) == "" {
			es = append(es, invalid("name", "required"))
		}
		if l.Code == "" || codes[l.Code] {
			es = append(es, invalid("code", "link.code", l.Code))
		}
		codes[l.Code] = true
	}
	for _, l := range links {
		seen := map[int64]bool{l.ID: true}
		for p := l.ParentID; p != 0; p = byID[p].ParentID {
			if seen[p] {
				es = append(es, invalid("parent", "link.cycle", l.Code))
				break
			}
			seen[p] = true
		}
	}
	return es.orNil()
}
