package i18n

// 申请解锁: a reporter asks for a locked period to be reopened; a reviewer decides.
func init() {
	add(map[string][2]string{
		"unlockreq.title":                    {"解锁申请", "Requests to reopen a period"},
		"unlockreq.ask":                      {"申请解锁", "Ask to reopen"},
		"unlockreq.reason":                   {"原因", "Reason"},
		"unlockreq.reason.hint":              {"如：统计口径调整，需补报", "e.g. the figure was revised and must be filed"},
		"unlockreq.send":                     {"提交申请", "Send the request"},
		"unlockreq.pending":                  {"已申请解锁，待审核", "Reopening requested, waiting for review"},
		"unlockreq.declined":                 {"%s 的解锁申请未获同意：", "The request to reopen %s was declined: "},
		"unlockreq.asked":                    {"%s 申请解锁，待审核：", "Reopening %s requested, waiting for review: "},
		"unlockreq.granted":                  {"%s 的解锁申请已同意，可以报送。", "The request to reopen %s was granted: it can be filed."},
		"unlockreq.by":                       {"%s 于 %s 申请", "asked by %s on %s"},
		"unlockreq.grant":                    {"同意解锁", "Grant"},
		"unlockreq.decline":                  {"不同意", "Decline"},
		"unlockreq.decline.reason":           {"不同意的原因", "Why it is declined"},
		"unlockreq.err.reason":               {"请写明申请解锁的原因（至多 500 字）。", "Give a reason for reopening (at most 500 characters)."},
		"unlockreq.err.period":               {"该期次不是本指标的报送期次。", "That period is not one of the indicator's."},
		"unlockreq.err.not_locked":           {"该期次未锁定，可以直接报送。", "That period is not locked: it can be filed."},
		"unlockreq.err.pending":              {"该期次已有待审核的解锁申请。", "That period already has a request waiting for review."},
		"unlockreq.err.decline_reason":       {"请写明不同意的原因（至多 500 字），申请人会看到。", "Say why it is declined (at most 500 characters); the requester sees it."},
		"prog.done.unlock_requested":         {"已提交解锁申请，审核人会在审核页看到。", "Request sent: the reviewer sees it on the review page."},
		"prog.done.unlock_granted":           {"已同意解锁，该期次现在可以报送。", "Granted: the period can now be filed."},
		"prog.done.unlock_declined":          {"已不同意该解锁申请，申请人会在工作清单看到原因。", "Declined: the requester sees the reason on the worklist."},
		"prog.fail.unlockreq_reason":         {"未提交：请写明申请解锁的原因（至多 500 字）。", "Not sent: give a reason for reopening (at most 500 characters)."},
		"prog.fail.unlockreq_period":         {"未提交：该期次不是本指标的报送期次。", "Not sent: that period is not one of the indicator's."},
		"prog.fail.unlockreq_not_locked":     {"未提交：该期次未锁定，可以直接报送。", "Not sent: that period is not locked; file it directly."},
		"prog.fail.unlockreq_pending":        {"未提交：该期次已有待审核的解锁申请。", "Not sent: that period already has a request waiting for review."},
		"prog.fail.unlockreq_decline_reason": {"未处理：请写明不同意的原因，申请人会看到。", "Not declined: say why; the requester sees it."},
		"audit.act.unlock.request":           {"申请解锁", "Reopening requested"},
		"audit.act.unlock.request.grant":     {"同意解锁申请", "Reopening granted"},
		"audit.act.unlock.request.decline":   {"不同意解锁申请", "Reopening declined"},
	})
}
