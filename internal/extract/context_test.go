package extract

import "testing"

// TestContext holds the document-context rules: period and kind from
// headings, 今年/去年 against the document's year, a year set earlier in the
// paragraph, a list opened by a colon, and the genre of a work report.
func TestContext(t *testing.T) {
	type want struct {
		span, kind, period, qual, perWhy, kindWhy string
	}
	for _, tc := range []struct {
		name string
		year int
		text string
		want []want
	}{
		{"report headings", 2025, "2025年政府工作报告\n\n一、2024年工作回顾\n\n全市地区生产总值达到5.2万亿元，新增就业30万人以上。\n\n二、2025年主要任务\n\n（一）扩大内需\n\n建成保障性住房2万套以上。",
			[]want{{"5.2万亿元", "actual", "2024", "exact", WhyHeading, WhyReview},
				{"30万人以上", "actual", "2024", "over", WhyHeading, WhyReview},
				{"2万套以上", "target", "2025", "at_least", WhyHeading, WhyTasks}}},
		{"report without years in headings", 2010, "各位代表：\n\n一、过去一年工作回顾\n\n粮食产量53082万吨。\n\n二、今年工作的总体要求\n\n新增就业900万人。",
			[]want{{"53082万吨", "actual", "2009", "exact", WhyReview, WhyReview},
				{"900万人", "target", "2010", "exact", WhyTasks, WhyTasks}}},
		{"report headings that name neither a year nor review or tasks: the first is the review, those after it the work ahead", 2025,
			"2025年福建省政府工作报告\n各位代表：\n一、牢记殷殷嘱托，在接续奋斗中新福建建设取得新成效\n全省地区生产总值增长5.5%。\n二、牢记历史使命，在中国式现代化建设中奋勇争先\n改造城镇老旧小区4.5万户。",
			[]want{{"5.5%", "actual", "2024", "exact", WhyReview, WhyReview},
				{"4.5万户", "target", "2025", "exact", WhyTasks, WhyTasks}}},
		{"到 a past year is what was reached; a rate per person and year is no total over years; a starting value without its own year has none", 2003,
			"城镇居民家庭人均可支配收入，由1997年的5160元增加到2002年的7703元。今年财政补助标准由每人每年240元提高到280元。",
			[]want{{"5160元", "actual", "1997", "exact", WhySentence, WhySentence},
				{"7703元", "actual", "2002", "exact", WhySentence, WhySentence},
				{"240元", "actual", "", "exact", WhyNone, WhySentence},
				{"280元", "target", "2003", "exact", WhySentence, WhySentence}}},
		{"kind markers that are parts of words or the base of a change", 2025,
			"一、2024年工作回顾\n实施“7+N”未来产业培育工程，筹建首批10个省级先导区。\n二、2025年工作安排\n每千人口拥有3岁以下托位数不少于5.5个。今年中央财政用于教育的投入，将由去年的1076亿元增加到1562亿元。",
			[]want{{"10个", "actual", "2024", "exact", WhyHeading, WhyHeading},
				{"不少于5.5个", "target", "2025", "at_least", WhyHeading, WhyHeading},
				{"1076亿元", "actual", "2024", "exact", WhySentence, WhySentence},
				{"1562亿元", "target", "2025", "exact", WhySentence, WhySentence}}},
		{"a plan's targets have no year; a paragraph looking back over years is what was done", 2021,
			"2021年政府工作报告\n一、2020年工作回顾\n粮食产量1.3万亿斤。\n二、“十三五”时期发展成就和“十四五”时期主要目标任务\n过去五年，国内生产总值从不到70万亿元增加到超过100万亿元。脱贫攻坚成果举世瞩目，5575万农村贫困人口实现脱贫。\n常住人口城镇化率提高到65%。",
			[]want{{"1.3万亿斤", "actual", "2020", "exact", WhyHeading, WhyReview},
				{"不到70万亿元", "actual", "", "under", WhyMultiYear, WhySentence},
				{"超过100万亿元", "actual", "", "over", WhyMultiYear, WhySentence},
				{"5575万农村贫困人口", "actual", "", "exact", WhyMultiYear, WhyParagraph},
				{"65%", "target", "", "exact", WhyMultiYear, WhyTasks}}},
		{"a change over several years and a total over years have no period", 2001,
			"2000年进出口总额达4743亿美元，分别比1995年增长69%。转移支付由1997年的664亿元增加到2000年的4025亿元，四年共计12319亿元。",
			[]want{{"4743亿美元", "actual", "2000", "exact", WhySentence, WhySentence},
				{"69%", "actual", "", "exact", WhyMultiYear, WhySentence},
				{"664亿元", "actual", "1997", "exact", WhySentence, WhySentence},
				{"4025亿元", "actual", "2000", "exact", WhySentence, WhySentence},
				{"12319亿元", "actual", "", "exact", WhyMultiYear, WhySentence}}},
		{"a change over several years", 2023, "去年全国基础研究经费五年增长1倍。",
			[]want{{"1倍", "actual", "", "exact", WhyMultiYear, WhySentence}}},
		{"a target for a year named, compared with an earlier year", 2016,
			"到2020年国内生产总值比2010年翻一番。",
			[]want{{"一番", "target", "2020", "exact", WhySentence, WhySentence}}},
		{"several years named inside a sentence frame only that sentence", 2025,
			"2025年政府工作报告\n一、2024年工作回顾\n近两年人均预期寿命增幅居全国第1位。兜底保障生活困难群众357.37万人。",
			[]want{{"357.37万人", "actual", "2024", "exact", WhyHeading, WhyReview}}},
		{"用三年时间, 连续三年: several years", 2007,
			"2004年我们提出用三年时间基本解决拖欠工程款问题，各地已偿还拖欠工程款1834亿元。中央财政连续三年累计投入90亿元。",
			[]want{{"1834亿元", "actual", "", "exact", WhyMultiYear, WhySentence},
				{"90亿元", "actual", "", "exact", WhyMultiYear, WhySentence}}},
		{"今明两年 is two years", 2019, "今明两年要解决好饮水安全问题，提高6000万农村人口供水保障水平。",
			[]want{{"6000万农村人口", "target", "", "exact", WhyMultiYear, WhySentence}}},
		{"list opened mid-paragraph runs across 。", 2025, "今年发展的主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。粮食产量1.4万亿斤左右。提出上述目标，综合考虑了各方面因素，去年城镇新增就业1256万人。",
			[]want{{"5%左右", "target", "2025", "about", WhySentence, WhyList},
				{"1200万人以上", "target", "2025", "at_least", WhySentence, WhyList},
				{"1.4万亿斤左右", "target", "2025", "about", WhyParagraph, WhyList},
				{"1256万人", "actual", "2024", "exact", WhySentence, WhySentence}}},
		{"year set earlier in the paragraph", 2022, "2021年是极不平凡的一年。全市生产总值增长8.1%。",
			[]want{{"8.1%", "actual", "2021", "exact", WhyParagraph, WhyParagraph}}},
		{"multi-year review", 2023, "过去五年，国内生产总值年均增长5.2%。",
			[]want{{"5.2%", "actual", "", "exact", WhyMultiYear, WhySentence}}},
		{"verbs outside the span", 2022, "今年货运量力争突破9500万吨，完成投资达到58%左右。",
			[]want{{"9500万吨", "target", "2022", "at_least", WhySentence, WhySentence},
				{"58%左右", "target", "2022", "about", WhySentence, WhySentence}}},
		{"counted noun as unit", 2022, "去年带动6069万农民增收。",
			[]want{{"6069万农民", "actual", "2021", "exact", WhySentence, WhySentence}}},
		{"tasks opener paragraph", 2022, "今年重点做好以下工作：\n\n（一）稳住工业\n\n新增规模以上工业企业200家以上。",
			[]want{{"200家以上", "target", "2022", "at_least", WhyHeading, WhyHeading}}},
		{"上年 in a review is the year before the year reviewed; 去年 the year before the report", 1995, "1995年政府工作报告\n\n一、1994年工作回顾\n\n固定资产投资增长幅度由上年的58.6%回落到27.8%。去年粮食产量4445亿公斤。",
			[]want{{"58.6%", "actual", "1993", "exact", WhySentence, WhySentence},
				{"27.8%", "actual", "1994", "exact", WhyHeading, WhyReview},
				{"4445亿公斤", "actual", "1994", "exact", WhySentence, WhySentence}}},
		{"上年 outside a review is the year before the document's", 2022, "上年全市生产总值1.2万亿元。",
			[]want{{"1.2万亿元", "actual", "2021", "exact", WhySentence, WhySentence}}},
		{"news: a year set in an earlier paragraph carries on", 2022, "深圳经济运行稳中向好\n\n2021年，全市生产总值增长6.7%。\n\n进出口总额增长16.2%。",
			[]want{{"6.7%", "actual", "2021", "exact", WhySentence, WhySentence},
				{"16.2%", "actual", "2021", "exact", WhyDocument, WhyNone}}},
		{"news: a present statement takes the publication year", 2022, "深圳制造业观察\n\n目前制造业占GDP比重为35%。\n\n工业投资增长12%。",
			[]want{{"35%", "actual", "2022", "exact", WhyPublished, WhySentence},
				{"12%", "actual", "2022", "exact", WhyPublished, WhyNone}}},
		{"two-year changes have no period", 2022, "2021年1-11月，固定资产投资比2019年同期增长8.5%，两年平均增长4.2%。",
			[]want{{"8.5%", "actual", "", "exact", WhyMultiYear, WhySentence},
				{"4.2%", "actual", "", "exact", WhyMultiYear, WhySentence}}},
		{"累计 under a review heading: several years", 2025, "2025年政府工作报告\n\n一、2024年工作回顾\n\n新获批国家先进制造业集群4个，累计14个。",
			[]want{{"4个", "actual", "2024", "exact", WhyHeading, WhyReview},
				{"14个", "actual", "", "exact", WhyMultiYear, WhySentence}}},
		{"累计 covers the items of its clause joined by 、, however long", 2025, "2025年政府工作报告\n\n一、2024年工作回顾\n\n累计创建国家现代农业产业园15个、优势特色产业集群9个、国家级农业产业化龙头企业122家。",
			[]want{{"15个", "actual", "", "exact", WhyMultiYear, WhySentence},
				{"9个", "actual", "", "exact", WhyMultiYear, WhySentence},
				{"122家", "actual", "", "exact", WhyMultiYear, WhySentence}}},
		{"在上年…的基础上 is the base: the figure after it takes the section's year, a figure inside it the base's", 2006,
			"各位代表：\n\n一、去年工作回顾\n\n粮食总产量在上年大幅度增长的基础上，又增产291亿斤。\n\n二、今年主要任务\n\n要在去年布局5个点位基础上，新布局10个点位。",
			[]want{{"291亿斤", "actual", "2005", "exact", WhyReview, WhyReview},
				{"5个", "actual", "2005", "exact", WhySentence, WhySentence},
				{"10个", "target", "2006", "exact", WhyTasks, WhySentence}}},
		{"创10年来新高 is a record, not the years the figures after it cover", 2025, "2025年政府工作报告\n\n一、2024年工作回顾\n\n研发投入增速6年来首次超过全国水平，投入强度创10年来新高，技术合同成交额增长17.8%。",
			[]want{{"17.8%", "actual", "2024", "exact", WhyHeading, WhyReview}}},
		{"a review's list of what was done (抓了以下工作, 按照…要求，我们主要做了以下工作) is neither tasks nor targets", 2025,
			"2025年政府工作报告\n\n一、2024年工作回顾\n\n一年来，着重抓了以下工作：\n\n（一）召开省级新闻发布会185场。\n\n按照自治区党委部署要求，我们主要做了以下工作：\n\n（二）新增城镇就业12万人。",
			[]want{{"185场", "actual", "2024", "exact", WhyHeading, WhyList},
				{"12万人", "actual", "2024", "exact", WhyHeading, WhyReview}}}, // 要求 a noun: no list opener, the review heading
		{"a deadline ahead (到2027年) dates its own sentence, not the rest of the paragraph; a year reached (增加到2002年的) still does", 2025,
			"2025年政府工作报告\n\n二、2025年主要任务\n\n到2027年，城镇化率达到70%。改造农村公路1500公里。",
			[]want{{"70%", "target", "2027", "exact", WhySentence, WhySentence},
				{"1500公里", "target", "2025", "exact", WhyHeading, WhyTasks}}},
		{"a year reached (增加到2002年的…) carries to the sentences after it", 2003,
			"公路通车里程由1997年的123万公里增加到2002年的176万公里。铁路营运里程7.15万公里。",
			[]want{{"123万公里", "actual", "1997", "exact", WhySentence, WhySentence},
				{"176万公里", "actual", "2002", "exact", WhySentence, WhySentence},
				{"7.15万公里", "actual", "2002", "exact", WhyParagraph, WhyParagraph}}},
		{"the start of a change has no period of its own", 2022, "浙江十年发展综述\n\n城镇化率从63.2%提高到72.7%。",
			[]want{{"63.2%", "actual", "", "exact", WhyNone, WhyNone},
				{"72.7%", "actual", "2022", "exact", WhyPublished, WhyNone}}},
		{"a work report's review before any heading takes the year before", 2025, "2025年四川省政府工作报告\n来源：四川日报\n——经济运行稳中向好。全省地区生产总值增长5.7%。",
			[]want{{"5.7%", "actual", "2024", "exact", WhyOpening, WhyOpening}}},
		{"a five-year review: a level reached at its end takes its last year; totals, changes and rates a policy set none", 2018,
			"2018年政府工作报告\n\n一、过去五年工作回顾\n\n国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1%。新建改建农村公路125万公里。将养老保险单位缴费比例从20%降至16%。",
			[]want{{"54万亿元", "actual", "", "exact", WhyNone, WhyReview},
				{"82.7万亿元", "actual", "2017", "exact", WhyPeriodEnd, WhyReview},
				{"7.1%", "actual", "", "exact", WhyMultiYear, WhyReview},
				{"125万公里", "actual", "", "exact", WhyMultiYear, WhyReview},
				{"20%", "actual", "", "exact", WhyNone, WhyReview},
				{"16%", "actual", "", "exact", WhyMultiYear, WhyReview}}},
		{"a review of one year and five turns to the five at the first paragraph that names them", 2023,
			"政府工作报告\n\n一、过去一年和五年工作回顾\n\n过去一年，国内生产总值增长3%。\n\n——国内生产总值增加到121万亿元，五年年均增长5.2%。\n\n新增机场容量4亿人次。",
			[]want{{"3%", "actual", "2022", "exact", WhySentence, WhySentence},
				{"121万亿元", "actual", "2022", "exact", WhyPeriodEnd, WhyReview},
				{"5.2%", "actual", "", "exact", WhyMultiYear, WhyReview},
				{"4亿人次", "actual", "", "exact", WhyMultiYear, WhyReview}}},
		{"过去五年 in a paragraph under a year's review: stock levels take the year, what was added none", 2016,
			"各位代表：\n\n一、2015年工作回顾\n\n过去五年，我国发展成就举世瞩目。铁路营业里程达到12.1万公里，其中高速铁路超过1.9万公里。城镇新增就业人数超过6400万人。基本养老保险参保率持续超过80%。",
			[]want{{"12.1万公里", "actual", "2015", "exact", WhyPeriodEnd, WhyParagraph},
				{"超过1.9万公里", "actual", "2015", "over", WhyPeriodEnd, WhyParagraph},
				{"超过6400万人", "actual", "", "over", WhyMultiYear, WhyParagraph},
				{"超过80%", "actual", "", "over", WhyMultiYear, WhyParagraph}}},
		{"in a five-year review 新增 before a verb of reaching is part of a noun; 累计 keeps a total", 2023,
			"政府工作报告\n\n一、过去五年工作回顾\n\n新增劳动力平均受教育年限从13.5年提高到14年。累计建成高标准农田达到10亿亩。",
			[]want{{"13.5年", "actual", "", "exact", WhyNone, WhyReview},
				{"14年", "actual", "2022", "exact", WhyPeriodEnd, WhyReview},
				{"10亿亩", "actual", "", "exact", WhyMultiYear, WhySentence}}},
		{"the years ahead (今后五年, 未来五年) are targets with no period, never a review or a level reached at their end", 2023,
			"2023年政府工作报告\n\n二、今后五年的工作思路\n\n城镇化率达到70%。",
			[]want{{"70%", "target", "", "exact", WhyMultiYear, WhyTasks}}},
		{"a list opener naming the years ahead opens targets with no period", 2023,
			"2023年政府工作报告\n\n一、过去五年工作回顾\n\n粮食产量1.3万亿斤。\n\n今后五年的主要目标任务是：\n\n城镇化率达到70%。",
			[]want{{"1.3万亿斤", "actual", "", "exact", WhyMultiYear, WhyReview},
				{"70%", "target", "", "exact", WhyMultiYear, WhyTasks}}},
		{"a paragraph opening with the years ahead under this year's tasks", 2024,
			"2024年政府工作报告\n\n二、2024年工作安排\n\n今后三年，我们坚持稳中求进。全市新建保障性住房10万套。",
			[]want{{"10万套", "target", "", "exact", WhyMultiYear, WhyParagraph}}},
		{"a paragraph opening with the years ahead under a review heading", 2024,
			"政府工作报告\n\n一、2023年工作回顾\n\n未来五年，我们将持续推进新型城镇化。全市常住人口城镇化率达到70%。",
			[]want{{"70%", "target", "", "exact", WhyMultiYear, WhyParagraph}}},
		{"a policy document's paragraph opening with the years ahead", 2024,
			"关于加快产业升级的实施意见\n\n未来五年，推动产业升级。新建5G基站1万个。",
			[]want{{"1万个", "target", "", "exact", WhyMultiYear, WhyParagraph}}},
		{"in a five-year review 新增, 新建 before a verb of reaching count what was added: no period", 2023,
			"政府工作报告\n\n一、过去五年工作回顾\n\n城镇新增就业人数达到6400万人，新建改建农村公路达到125万公里。",
			[]want{{"6400万人", "actual", "", "exact", WhyMultiYear, WhyReview},
				{"125万公里", "actual", "", "exact", WhyMultiYear, WhyReview}}},
		{"a record (创十年来新高) does not turn a review of one year and five to the five years", 2023,
			"政府工作报告\n\n一、过去一年和五年工作回顾\n\n过去一年，全市研发投入强度创十年来新高，科技创新能力持续提升。\n\n全市地区生产总值增长5.2%，城镇化率达到65%。",
			[]want{{"5.2%", "actual", "2022", "exact", WhyReview, WhyReview},
				{"65%", "actual", "2022", "exact", WhyReview, WhyReview}}},
		{"once a list opener starts the tasks, 五年来 no longer turns the section to the five years", 2023,
			"政府工作报告\n\n一、过去一年和五年工作回顾\n\n过去一年，全市地区生产总值增长3%。\n\n今年重点做好以下工作：\n\n五年来的经验弥足珍贵，我们要坚持下去。\n\n全市新建保障性住房10万套。",
			[]want{{"3%", "actual", "2022", "exact", WhySentence, WhySentence},
				{"10万套", "target", "2023", "exact", WhyHeading, WhyTasks}}},
		{"a review word in a sentence before a list opener does not make its list a review", 2025,
			"2025年政府工作报告\n\n二、2025年主要任务\n\n过去一年的成绩来之不易。今年要重点抓好以下几方面工作：\n\n（一）新建保障性住房10万套。",
			[]want{{"10万套", "target", "2025", "exact", WhyList, WhyList}}},
		{"累计 stops at a 、-item with a verb of its own", 2025,
			"2025年政府工作报告\n\n一、2024年工作回顾\n\n累计建成5G基站1.2万个、新增千兆光纤用户30万户。",
			[]want{{"1.2万个", "actual", "", "exact", WhyMultiYear, WhySentence},
				{"30万户", "actual", "2024", "exact", WhyHeading, WhySentence}}},
		{"in a policy document a deadline (到2027年，) frames the targets of its paragraph", 2025,
			"关于加快数字经济发展的实施意见\n\n到2027年，全市数字经济规模达到3万亿元。新建5G基站10万个，数据中心机架规模达到20万架。",
			[]want{{"3万亿元", "target", "2027", "exact", WhySentence, WhySentence},
				{"10万个", "target", "2027", "exact", WhyParagraph, WhyParagraph},
				{"20万架", "target", "2027", "exact", WhyParagraph, WhyParagraph}}},
		{"in news a deadline frames its paragraph's targets, but is not the year of the paragraphs after it", 2021,
			"江口县发展综述\n\n到2022年，全县旅游收入达到100亿元。新建民宿200家。\n\n全县有30个少数民族。",
			[]want{{"100亿元", "target", "2022", "exact", WhySentence, WhySentence},
				{"200家", "target", "2022", "exact", WhyParagraph, WhyParagraph},
				{"30个", "actual", "2021", "exact", WhyPublished, WhyNone}}},
		{"a news headline naming the work report is news: its present tense is the publication year", 2025,
			"聚焦政府工作报告：这些民生数字与你有关\n\n目前全市常住人口达到1000万人。",
			[]want{{"1000万人", "actual", "2025", "exact", WhyPublished, WhySentence}}},
		{"a report's title with a subtitle (——…会议上) is a work report", 2025,
			"2025年政府工作报告——2025年1月14日在陕西省第十四届人民代表大会第三次会议上\n\n全省地区生产总值增长5.3%。",
			[]want{{"5.3%", "actual", "2024", "exact", WhyOpening, WhyOpening}}},
		{"news telling of a work report is news, not the report", 2022, "深圳如何实现GDP增长6%\n\n4月11日，深圳市市长覃伟中代表市政府向大会作政府工作报告。\n\n目前制造业占GDP的比重依然在35%以上。",
			[]want{{"35%以上", "actual", "2022", "over", WhyPublished, WhySentence}}},
		{"a policy document's targets without a year stay null", 2022, "关于推进制造业高质量发展的实施意见\n\n新建5G基站1万个。",
			[]want{{"1万个", "actual", "", "exact", WhyNone, WhyNone}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := []rune(tc.text)
			facts := Extract(tc.text, Options{Year: tc.year})
			if len(facts) != len(tc.want) {
				for _, f := range facts {
					t.Logf("%s %s %g %s %+v", string(rs[f.Start:f.End]), f.Kind, f.Value, f.Unit, f.Why)
				}
				t.Fatalf("%d facts, want %d", len(facts), len(tc.want))
			}
			for i, w := range tc.want {
				f := facts[i]
				per := ""
				if f.Period != nil {
					per = *f.Period
				}
				got := want{string(rs[f.Start:f.End]), f.Kind, per, f.Qualifier, f.Why.Period, f.Why.Kind}
				if got != w {
					t.Errorf("fact %d: got %+v (why %+v), want %+v", i, got, f.Why, w)
				}
			}
		})
	}
}

func TestDocumentDate(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"2025年北京市政府工作报告\n——2025年1月14日在北京市第十六届人民代表大会第三次会议上", "2025-01-14"},
		{"发布时间：２０２２－０３－０５ 10:00", "2022-03-05"},
		{"2022/4/12 深圳", "2022-04-12"},
		{"4月11日，深圳市七届人大二次会议开幕", ""},
		{"2023年2月30日", ""},
		{"编号12022年3月5日", ""},
	} {
		d, ok := DocumentDate(tc.text)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != tc.want {
			t.Errorf("DocumentDate(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
