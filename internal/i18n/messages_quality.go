package i18n

func init() {
	add(map[string][2]string{
		"invest.illustrative.tag": {"示意", "Illustrative"},
		"invest.planned.example":  {"5亿", "500000000"},
		// Lines of "code name [parent code] [延链|extend]", as the chain form reads them.
		"invest.chain.links.example": {"devices 高端医疗器械\nimaging 医学影像设备 devices\nai 医疗人工智能 devices 延链",
			"devices Medical devices\nimaging Medical imaging devices\nai Medical AI devices extend"},
	})
}
