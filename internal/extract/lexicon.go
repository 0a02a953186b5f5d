package extract

import (
	"math/bits"
	"sort"
)

// A lexicon finds words of a fixed list at a position of a rune slice,
// longest first. Built once at package initialisation, read-only after.
//
// The words are grouped by their first rune r, and the groups found without
// a map: bit r%65536 of first is set when some word starts with r, and the
// group of r is groups[rank[b] + the set bits below r's in block b], where
// rank[b] counts the set bits of the blocks before b (runes beyond U+FFFF
// share a group with the rune 65536 below; the match compares every rune).
// Most runes of a text start no word; of those that do, most are not
// followed by the second rune of one (一 starts 一年来 only): single and pair
// answer that before the words are compared.
type lexicon struct {
	first  *[1024]uint64 // bit r%65536: some word starts with r
	single *[1024]uint64 // bit r%65536: some word is r alone
	pair   *[1024]uint64 // bit pairHash(r0, r1): some word starts with r0 r1
	rank   *[1024]uint16
	groups [][]lexWord
}

type lexWord struct {
	w   []rune
	s   string
	tag int
}

func pairHash(r0, r1 rune) uint32 {
	return (uint32(r0)*0x9E3779B1 ^ uint32(r1)) * 0x85EBCA6B >> 16
}

func setBit(b *[1024]uint64, k uint32) { b[k>>6&1023] |= 1 << (k & 63) }

func hasBit(b *[1024]uint64, k uint32) bool { return b[k>>6&1023]&(1<<(k&63)) != 0 }

func newLexicon(words map[string]int) lexicon {
	lx := lexicon{first: new([1024]uint64), single: new([1024]uint64), pair: new([1024]uint64), rank: new([1024]uint16)}
	byFirst := make(map[rune][]lexWord)
	for s, tag := range words {
		w := []rune(s)
		k := w[0] & 0xFFFF
		setBit(lx.first, uint32(k))
		if len(w) == 1 {
			setBit(lx.single, uint32(k))
		} else {
			setBit(lx.pair, pairHash(w[0], w[1]))
		}
		byFirst[k] = append(byFirst[k], lexWord{w: w, s: s, tag: tag})
	}
	n := 0
	for b := range lx.first {
		lx.rank[b] = uint16(n)
		for bit := range 64 {
			if lx.first[b]&(1<<bit) == 0 {
				continue
			}
			ws := byFirst[rune(b<<6|bit)]
			sort.Slice(ws, func(a, b int) bool {
				if len(ws[a].w) != len(ws[b].w) {
					return len(ws[a].w) > len(ws[b].w)
				}
				return ws[a].s < ws[b].s
			})
			lx.groups = append(lx.groups, ws)
			n++
		}
	}
	return lx
}

// group returns the words that may start s: those of its first rune, and
// none when no word is that rune alone and none starts with the first two
// runes of s.
func (lx lexicon) group(s []rune) []lexWord {
	k := uint32(s[0]) & 0xFFFF
	blk := lx.first[k>>6]
	bit := uint64(1) << (k & 63)
	switch {
	case blk&bit == 0:
		return nil
	case lx.single[k>>6]&bit != 0:
	case len(s) < 2 || !hasBit(lx.pair, pairHash(s[0], s[1])):
		return nil
	}
	return lx.groups[int(lx.rank[k>>6])+bits.OnesCount64(blk&(bit-1))]
}

// at returns the longest word starting at t[i].
func (lx lexicon) at(t []rune, i int) (lexWord, bool) {
	if i < 0 || i >= len(t) || !hasBit(lx.first, uint32(t[i])&0xFFFF) {
		return lexWord{}, false // most runes start no word
	}
	for _, w := range lx.group(t[i:]) {
		if matchAt(t, i, w.w) {
			return w, true
		}
	}
	return lexWord{}, false
}

// endingAt returns the longest word that ends just before t[i].
func (lx lexicon) endingAt(t []rune, i int, maxLen int) (lexWord, bool) {
	var best lexWord
	found := false
	for k := 1; k <= maxLen && k <= i; k++ {
		if w, ok := lx.exact(t[i-k : i]); ok {
			best, found = w, true
		}
	}
	return best, found
}

// exact returns the word equal to s.
func (lx lexicon) exact(s []rune) (lexWord, bool) {
	if len(s) == 0 {
		return lexWord{}, false
	}
	for _, w := range lx.group(s) {
		if len(w.w) == len(s) && matchAt(s, 0, w.w) {
			return w, true
		}
	}
	return lexWord{}, false
}

func matchAt(t []rune, i int, w []rune) bool {
	if i+len(w) > len(t) {
		return false
	}
	for k, r := range w {
		if t[i+k] != r {
			return false
		}
	}
	return true
}

// Unit classes.
const (
	unitCount   = iota // a measure word or unit: 个, 家, 公里, 元 …
	unitPercent        // %, ‰
	unitPoints         // 个百分点
	unitTime           // 年, 月, 日 …: the number is a date, time or duration
	unitName           // 强, 届, 号线 …: the number is part of a name or rank
)

var units = newLexicon(map[string]int{
	"%": unitPercent, "‰": unitPercent, "个百分点": unitPoints, "百分点": unitPoints,
	"个千分点": unitPoints, "千分点": unitPoints, // 出生率下降5个千分点 (gold10 070)
	// length, area, volume, mass, energy
	"公里": unitCount, "千米": unitCount, "米": unitCount, "厘米": unitCount, "毫米": unitCount, "延米": unitCount,
	"平方公里": unitCount, "平方千米": unitCount, "平方米": unitCount, "立方米": unitCount, "立方": unitCount,
	"公顷": unitCount, "亩": unitCount, "吨": unitCount, "千克": unitCount, "公斤": unitCount, "斤": unitCount,
	"克": unitCount, "升": unitCount, "千瓦": unitCount, "千瓦时": unitCount, "瓦": unitCount, "兆瓦": unitCount,
	"吉瓦": unitCount, "千伏": unitCount, "标箱": unitCount, "标准箱": unitCount, "TEU": unitCount, "吨标准煤": unitCount, "吨公里": unitCount, "人公里": unitCount,
	"km": unitCount, "kW": unitCount, "P": unitCount, "EFlops": unitCount, "EFLOPS": unitCount, "PFlops": unitCount,
	"重量箱": unitCount, "批次": unitCount, "场次": unitCount, // computing power: 算力9.4万P, 15EFlops; 平板玻璃7600多万重量箱
	// Latin units as written, in the spellings the reports use (算力规模超过55Eflops, 新能源电池产能达38GWh: gold11 034)
	"Eflops": unitCount, "Pflops": unitCount, "PFLOPS": unitCount, "GWh": unitCount, "MWh": unitCount, "TWh": unitCount,
	"kWh": unitCount, "GW": unitCount, "MW": unitCount,
	"千升": unitCount,                   // 新增优质白酒产能5万千升: kept as written, as 千瓦, 千米 (gold11 034)
	"℃":  unitCount, "摄氏度": unitCount, // 供热室温…全部达到20℃ (gold9 016)
	// a price per unit in fen: 平均电价下降1分/千瓦时, 综合价格下降3-5分/立方米 (gold11 027)
	"分/千瓦时": unitCount, "分/度": unitCount, "分/立方米": unitCount, "分/方": unitCount, "分/kWh": unitCount,
	"件次":     unitCount, // 制定修订行政法规180件次 (gold15 042), as 人次, 架次
	"微克/立方米": unitCount, "毫克/立方米": unitCount, "微克": unitCount, "毫克": unitCount,
	"微克每立方米": unitCount, "毫克每立方米": unitCount, // 不超过35微克每立方米: the compound unit in words (gold12 037)
	// money
	"元": unitCount, "美元": unitCount, "欧元": unitCount, "日元": unitCount, "港元": unitCount, "英镑": unitCount,
	"人民币": unitCount, "元人民币": unitCount,
	// measure words
	"列": unitCount, "单": unitCount, "票": unitCount, "台": unitCount, "套": unitCount, "户": unitCount,
	"台套": unitCount, "金": unitCount, "银": unitCount, "铜": unitCount, // 33.6万台套; medals: 8金9银6铜
	"人": unitCount, "人次": unitCount, "名": unitCount, "位": unitCount, "家": unitCount, "个": unitCount,
	"项": unitCount, "所": unitCount, "座": unitCount, "条": unitCount, "处": unitCount, "栋": unitCount,
	"幢": unitCount, "间": unitCount, "张": unitCount, "件": unitCount, "份": unitCount, "场": unitCount,
	"次": unitCount, "车次": unitCount, "架次": unitCount, "航次": unitCount, "艘次": unitCount, "班次": unitCount,
	"辆": unitCount, "艘": unitCount, "架": unitCount, "倍": unitCount, "岁": unitCount, "床": unitCount,
	"张床位": unitCount, "种": unitCount, "类": unitCount, "宗": unitCount, "起": unitCount, "例": unitCount,
	"部": unitCount, "篇": unitCount, "本": unitCount, "册": unitCount, "株": unitCount, "棵": unitCount,
	"头": unitCount, "只": unitCount, "口": unitCount, "眼": unitCount, "支": unitCount, "组": unitCount,
	"对": unitCount, "笔": unitCount, "门": unitCount, "颗": unitCount, "片": unitCount, "段": unitCount,
	"根": unitCount, "度": unitCount, "桶": unitCount, "轮": unitCount, "首": unitCount, "集": unitCount,
	"盏": unitCount, "道": unitCount, "趟": unitCount, "节": unitCount, "款": unitCount, "辆次": unitCount,
	"批": unitCount, "番": unitCount, "堂": unitCount, "课时": unitCount, "处次": unitCount, "户次": unitCount, "块": unitCount, "层": unitCount,
	"枚": unitCount, "方": unitCount, // 奖牌36枚; 年产38.8亿方 (cubic metres of gas)
	"头只": unitCount, // 牛羊出栏937万头只: head of cattle and sheep together (gold10 038)
	// areas counted by a compound measure word: 开展黄河流域4市州省级环保督察 (gold13 031), 凉州、陇西、康县3县区 (a list, (g))
	"市州": unitCount, "县区": unitCount, "盟市": unitCount, "旗县": unitCount,
	"乡": unitCount, "乡镇": unitCount, // 全面建成玉树州剩余9乡“大电网建设+微电网改造”工程 (gold15 038)
	// dates, times, durations: not facts
	"年": unitTime, "年度": unitTime, "周年": unitTime, "月": unitTime, "月份": unitTime, "日": unitTime,
	"号": unitTime, "时": unitTime, "点": unitTime, "分": unitTime, "分钟": unitTime, "秒": unitTime,
	"天": unitTime, "周": unitTime, "小时": unitTime, "世纪": unitTime, "年代": unitTime, "季度": unitTime,
	"个月": unitTime, "个季度": unitTime, "个小时": unitTime, "个工作日": unitTime, "工作日": unitTime,
	"个年度": unitTime, "个交易日": unitTime, "个自然日": unitTime, "自然日": unitTime, "个日历日": unitTime, "日历日": unitTime, "后": unitTime, "期": unitTime, "旬": unitTime, "晚": unitTime,
	"早": unitTime, "时许": unitTime,
	// names, ranks, classes: not facts
	"届": unitName, "强": unitName, "号线": unitName, "级": unitName, "代": unitName, "版": unitName,
	"楼": unitName, "号楼": unitName, "号文": unitName, "条例": unitName, "星": unitName,
	"大": unitName, "路": unitName, "量级": unitName, "级别": unitName,
})

// unitWords are words that begin with a one-rune unit but are not a unit
// and a noun: 3万亿台阶, 1.4亿人口, 10项目. The number then has no
// measure word.
var unitWords = newLexicon(map[string]int{
	"台阶": 1, "人民": 1, "人口": 1, "人员": 1, "人才": 1, "人群": 1, "家庭": 1, "家乡": 1, "家园": 1,
	"名单": 1, "项目": 1, "条件": 1, "位置": 1, "次数": 1, "场景": 1, "所有": 1, "处理": 1,
	"元素": 1, "点击": 1, "门槛": 1, "部门": 1, "部分": 1, "部署": 1, "种类": 1, "口岸": 1, "批次": 1,
	"对接": 1, "对外": 1, "对于": 1, "起步": 1, "起来": 1, "头部": 1, "支持": 1, "支撑": 1, "本地": 1,
	"本土": 1, "本科": 1, "集团": 1, "集中": 1, "集聚": 1, "段落": 1, "根本": 1, "片区": 1, "道路": 1,
	"节能": 1, "款项": 1, "首都": 1, "首次": 1, "票据": 1, "单位": 1, "单元": 1, "台风": 1, "户籍": 1,
	"户外": 1, "套餐": 1, "份额": 1, "场所": 1, "场地": 1, "度假": 1, "列车": 1, "列入": 1, "组织": 1,
	"组成": 1, "口径": 1, "层次": 1, "层面": 1, "次要": 1, "倍增": 1, "只是": 1, "只有": 1, "例如": 1,
	"家企业": 0, "名义务": 0, "位于": 1, "名义": 1, "头号": 1, "期间": 1, "间接": 1, "张家": 1, "座谈": 1, "户型": 1,
	"方面": 1, "方案": 1, "方式": 1, "方向": 1, "方法": 1, "方针": 1, "方位": 1, "方便": 1, "方阵": 1,
	"方舱": 1, "方言": 1, "方略": 1, "方可": 1, "方能": 1, "方才": 1, "方志": 1, "方圆": 1, "方块": 1,
	"方队": 1, "方兴": 1, "方法论": 1, "方程": 1, "方正": 1,
	"乡村": 1, "乡土": 1, "乡亲": 1, "乡愁": 1, "乡贤": 1, "乡风": 1, "乡情": 1,
	"轮次": 1, "条线": 1, "条款": 1, "类型": 1, "门户": 1, "米粮": 1, "块状": 1, "片面": 1, "道德": 1,
})

// qualifier codes before resolution by kind
const (
	qNone    = iota
	qAbout   // 约, 左右, 近
	qOver    // 多, 余: always over
	qOverT   // 超, 超过, 突破, 以上, 逾: at_least in a target, over otherwise
	qAtLeast // 不低于, 不少于, 至少
	qUnder   // 不到, 以下, 不超过
)

// qualifiers written before the number (longest first)
var preQualifiers = newLexicon(map[string]int{
	"约": qAbout, "大约": qAbout, "近": qAbout, "接近": qAbout, "将近": qAbout, "大概": qAbout, "约为": qAbout,
	"超": qOverT, "超过": qOverT, "逾": qOverT, "突破": qOverT, "破": qOverT, "高于": qOverT, "多于": qOverT,
	"超出": qOverT, "达到或超过": qOverT,
	"不低于": qAtLeast, "不少于": qAtLeast, "至少": qAtLeast, "不小于": qAtLeast, "最少": qAtLeast,
	"不到": qUnder, "不足": qUnder, "不超过": qUnder, "低于": qUnder, "少于": qUnder, "不高于": qUnder,
	"最多": qUnder,
})

// qualifiers written after the number and unit
var postQualifiers = newLexicon(map[string]int{
	"以上": qOverT, "以下": qUnder, "以内": qUnder, "左右": qAbout, "上下": qAbout, "多": qOver, "余": qOver,
	"之内": qUnder, "出头": qOver, "及以上": qAtLeast, "及以下": qUnder,
})

// range connectors between two numbers
func isRangeDash(r rune) bool {
	switch r {
	case '到', '至', '-', '—', '–', '~', '〜', '－', '～':
		return true
	}
	return false
}
