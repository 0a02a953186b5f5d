package extract

// Word lists for kind, metric, period and subject. Read-only after package
// initialisation.

// kind markers
const (
	mkNone = iota
	mkTarget
	mkActual
	mkEstimate
)

var kindMarkers = newLexicon(map[string]int{
	// a goal still to reach
	"力争": mkTarget, "目标": mkTarget, "计划": mkTarget, "将": mkTarget, "确保": mkTarget, "要": mkTarget,
	"争取": mkTarget, "拟": mkTarget, "力求": mkTarget, "规划": mkTarget, "预期": mkTarget, "努力": mkTarget,
	"任务": mkTarget, "打算": mkTarget, "准备": mkTarget, "安排": mkTarget, "明年": mkTarget,
	"今后": mkTarget, "未来": mkTarget, "届时": mkTarget, "推动": mkNone, "以上": mkNone,
	// done or held
	"去年": mkActual, "上年": mkActual, "已": mkActual, "已经": mkActual, "累计": mkActual, "目前": mkActual,
	"拥有": mkActual, "过去": mkActual, "以来": mkActual, "截至": mkActual, "截止": mkActual,
	"实现了": mkActual, "完成了": mkActual, "达到了": mkActual, "建成了": mkActual, "共有": mkActual,
	"现有": mkActual, "我国有": mkActual, "全国有": mkActual, "当前": mkActual, "前年": mkActual, "一年来": mkActual, "年来": mkActual, "同期": mkNone,
	"上半年": mkNone, "迄今": mkActual, "至今": mkActual, "刚刚": mkActual, "取得": mkActual, "完成": mkNone,
	// a projection
	"预计": mkEstimate, "预测": mkEstimate, "估计": mkEstimate, "有望": mkEstimate, "预估": mkEstimate,
	"测算": mkEstimate, "预定": mkTarget, "预计划": mkTarget, "预判": mkEstimate,
})

// growth words
const (
	gwNone     = iota
	gwUp       // a rise: 增长, 提高 (a verb: 增长到 X is a level)
	gwDown     // a fall: 下降, 减少
	gwUpNoun   // 增速, 增幅 (a noun: 增速为 X is still growth)
	gwDownNoun // 降幅
	gwLevel    // 增加值, 新增, 增长点: not a change
)

var growthWords = newLexicon(map[string]int{
	"增长": gwUp, "增加": gwUp, "提高": gwUp, "提升": gwUp, "上升": gwUp, "上涨": gwUp, "增": gwUp,
	"涨": gwUp, "提价": gwUp, "扩大": gwUp, "增收": gwUp, "攀升": gwUp, "跃升": gwUp, "高出": gwUp, "多出": gwUp,
	"增速": gwUpNoun, "增幅": gwUpNoun, "增长速度": gwUpNoun, "增长幅度": gwUpNoun, "涨幅": gwUpNoun, "增长率": gwUpNoun, "增量": gwUpNoun, "增长了": gwUp,
	"下降": gwDown, "减少": gwDown, "降低": gwDown, "回落": gwDown, "下滑": gwDown, "下跌": gwDown,
	"降": gwDown, "减": gwDown, "缩小": gwDown, "缩减": gwDown, "收窄": gwDown, "减少了": gwDown, "下降了": gwDown,
	"降幅": gwDownNoun, "跌幅": gwDownNoun,
	"增加值": gwLevel, "新增": gwLevel, "增值": gwLevel, "增长点": gwLevel, "增长极": gwLevel, "新增加": gwLevel,
	"递增": gwUp, "净增": gwLevel, "增长到": gwLevel, "增加到": gwLevel, "提高到": gwLevel, "提升到": gwLevel,
	"增长至": gwLevel, "增加至": gwLevel, "提高至": gwLevel, "提升至": gwLevel, "上升到": gwLevel,
	"上升至": gwLevel, "下降到": gwLevel, "下降至": gwLevel, "减少到": gwLevel, "减少至": gwLevel,
	"降低到": gwLevel, "降低至": gwLevel, "降到": gwLevel, "降至": gwLevel, "扩大到": gwLevel, "扩大至": gwLevel,
	"缩小到": gwLevel, "缩小至": gwLevel, "回落到": gwLevel, "回落至": gwLevel, "增至": gwLevel, "减至": gwLevel,
	"减为": gwLevel, "降为": gwLevel, "增为": gwLevel, // 非常设机构由85个减为26个: reduced to (gold10 070)
	"增到": gwLevel, "增减": gwLevel, "减税": gwLevel, "减负": gwLevel, "减免": gwLevel, "降费": gwLevel,
	"增信": gwLevel, "增效": gwLevel, "增强": gwLevel, "增设": gwLevel, "增补": gwLevel, "减排": gwLevel,
	"降本": gwLevel, "增进": gwLevel, "增添": gwLevel, "增援": gwLevel, "减贫": gwLevel, "减量": gwLevel,
	// renovated, consolidated: 改造提升高标准农田78万亩, 巩固提升近70万亩 (gold8 033): work done on an area
	"改造提升": gwLevel, "整治提升": gwLevel, "新建提升": gwLevel, "提升改造": gwLevel, "巩固提升": gwLevel,
	"缩短": gwDown, "缩短到": gwLevel, "缩短至": gwLevel, "延长到": gwLevel, "延长至": gwLevel, // not 延长石油
	"压缩到": gwLevel, "压缩至": gwLevel, "缩至": gwLevel, // 办理时间压缩至6个工作日以内
	"降碳": gwLevel, "减污": gwLevel, "减碳": gwLevel, "减灾": gwLevel, "增容": gwLevel,
})

// share words: 占, 占比, 比重
var shareWords = newLexicon(map[string]int{
	"占": 1, "占比": 1, "比重": 1, "占到": 1,
	"占地": 0, "占用": 0, "抢占": 0, "侵占": 0, "独占": 0, "占领": 0, "占据": 0, "霸占": 0, "占有": 0,
})

// money words: a magnitude number with no unit after them is an amount of money
var moneyWords = newLexicon(map[string]int{
	"收入": 1, "投资": 1, "资金": 1, "产值": 1, "总值": 1, "增加值": 1, "营收": 1, "利润": 1,
	"税": 1, "财政": 1, "消费": 1, "贷款": 1, "存款": 1, "融资": 1, "金额": 1, "资产": 1, "销售": 1,
	"交易": 1, "预算": 1, "支出": 1, "补贴": 1, "基金": 1, "资本": 1, "市值": 1, "价值": 1,
	"GDP": 1, "经济总量": 1, "总额": 1, "余额": 1, "销售额": 1, "交易额": 1, "成交额": 1, "进出口额": 1,
	"出口额": 1, "进口额": 1, "投资额": 1, "税额": 1, "贸易额": 1, "执行额": 1, "营业": 1, "成交": 1, "债": 1, "款": 1, "费": 1, "红利": 1,
	"奖励": 1, "拨付": 1, "筹集": 1, "收益": 1, "营业额": 1, "规模": 1, "总量": 1,
})

// hypothetical and vague openers: the numbers after them in the clause are
// not facts
var hypoWords = newLexicon(map[string]int{
	"比如": 1, "例如": 1, "假如": 1, "假设": 1, "譬如": 1, "如果": 1, "倘若": 1, "若": 1, "连续": 2,
	// 国内生产总值每增长1个百分点的增量: a unit of conversion, not a change (gold6 048)
	"每增长": 2, "每提高": 2, "每增加": 2, "每下降": 2, "每降低": 2, "每减少": 2,
})

// words stripped from the left of a subject
var subjLead = newLexicon(map[string]int{
	"今年以来": 1, "今年": 1, "去年": 1, "上年": 1, "明年": 1, "前年": 1, "全年": 1, "同期": 1, "其中": 1,
	"同时": 1, "此外": 1, "另外": 1, "目前": 1, "截至目前": 1, "当前": 1, "现在": 1, "已经": 1, "已": 1,
	"还将": 1, "也将": 1, "将": 1, "力争": 1, "预计": 1, "计划": 1, "确保": 1, "争取": 1, "要": 1,
	"并": 1, "和": 1, "及": 1, "以及": 1, "而": 1, "但": 1, "且": 1, "还": 1, "也": 1, "共": 1,
	"一季度": 1, "二季度": 1, "三季度": 1, "四季度": 1, "第一季度": 1, "第二季度": 1, "第三季度": 1,
	"第四季度": 1, "前三季度": 1, "上半年": 1, "下半年": 1, "年内": 1, "一是": 1, "二是": 1, "三是": 1,
	"四是": 1, "五是": 1, "六是": 1, "七是": 1, "八是": 1, "九是": 1, "十是": 1, "\"": 1,
	"约": 1, "近": 1, "大约": 1, "均": 1, "在": 1, "有": 1, "全市": 0, "——": 1, "—": 1, " ": 1,
	"到": 1, "至": 1, "从": 1, "由": 1, "与": 1, "即": 1, "则": 1, "又": 1, "再": 1, "都": 1,
	"两年平均": 1, "三年平均": 1, "五年平均": 1, "年均": 1, "平均": 1,
	"分别": 1, "总计": 1, "合计": 1, "共计": 1, "这": 1, "该": 1, "就": 1, "于": 1, "为": 1,
})

// words stripped from the right of a subject
var subjTrail = newLexicon(map[string]int{
	"达到了": 1, "达到": 1, "达": 1, "为": 1, "是": 1, "完成了": 1, "完成": 1, "实现了": 1, "实现": 1,
	"保持在": 1, "保持": 1, "控制在": 1, "稳定在": 1, "超过": 1, "超": 1, "突破": 1, "破": 1, "约": 1, "大约": 1,
	"近": 1, "接近": 1, "将近": 1, "均": 1, "共": 1, "总计": 1, "合计": 1, "共计": 1, "分别": 1, "同比": 1,
	"比上年": 1, "较上年": 1, "比去年": 1, "较去年": 1, "增长": 1, "增加": 1, "提高": 1, "提升": 1,
	"上升": 1, "下降": 1, "减少": 1, "降低": 1, "回落": 1, "今年": 1, "去年": 1, "力争": 1, "预计": 1,
	"将": 1, "要": 1, "了": 1, "的": 1, "在": 1, "有": 1, "已有": 1, "已达": 1, "年均": 1, "平均": 1,
	"逾": 1, "高达": 1, "多达": 1, "仅": 1, "只有": 1, "已": 1, "还": 1, "也": 1, "都": 1, "再": 1,
	"不低于": 1, "不少于": 1, "不到": 1, "不足": 1, "不超过": 1, "至少": 1, "至": 1, "到": 1, "由": 1,
	"比": 1, "较": 1, "同比增长": 1, "增速": 0, "确保": 1, "争取": 1, "努力": 1, " ": 1, "，": 1,
	"上半年": 1, "一季度": 1, "前三季度": 1, "全年": 1, "累计": 0, "计划": 1, "预期": 1, "目标": 0,
	"又": 1, "则": 1, "就": 1, "即": 1, "而": 1, "并": 1, "和": 1, "及": 1, "与": 1,
})

// section headlines that set the default kind of the facts under them
var sectionWords = newLexicon(map[string]int{
	"回顾": mkActual, "过去一年": mkActual, "过去五年": mkActual, "工作总结": mkActual, "成绩": mkActual,
	"主要任务": mkTarget, "重点任务": mkTarget, "工作安排": mkTarget, "重点工作": mkTarget,
	"目标任务": mkTarget, "预期目标": mkTarget, "总体要求": mkTarget, "主要目标": mkTarget, "今年工作": mkTarget,
	"工作建议": mkTarget, "工作部署": mkTarget, "工作任务": mkTarget, "以下工作": mkTarget, "重点做好": mkTarget,
	"主要工作": mkNone, "主要做了": mkActual, "做了以下工作": mkActual, "了以下工作": mkActual, // 主要做了以下工作, 着重抓了以下工作：a review
	"政策取向": mkTarget, "发展目标": mkTarget, "工作的回顾": mkActual, "工作回顾": mkActual,
})

// words after a number that make it part of a name: 1491国际创意谷, 500强
func nameAfter(t []rune, j int) bool {
	if j >= len(t) {
		return false
	}
	switch t[j] {
	case '+', '·', '/', '》', '”', '#', '@', '_', '=', '<', '>':
		return true
	}
	return isASCIILetter(t[j])
}

func nameBefore(t []rune, i int) bool {
	if i <= 0 {
		return false
	}
	switch t[i-1] {
	case '+', '·', '/', '#', '@', '_', '=', '第', '.', '<', '>', '\\', '*', '&', '^':
		return true
	}
	return isASCIIAlnum(t[i-1]) && !indicatorBefore(t, i)
}
