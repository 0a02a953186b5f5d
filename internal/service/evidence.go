package service

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store"
)

// MaxEvidenceBytes bounds one evidence file.
const MaxEvidenceBytes = 10 << 20

// evidenceTypes are the kinds of file a report's evidence may be: documents, sheets,
// images and plain text, each with the bytes its content must start with (the type is
// read from the content, never taken from the client).
var evidenceTypes = map[string]struct {
	ctype, magic string
}{
	".pdf":  {"application/pdf", "%PDF-"},
	".png":  {"image/png", "\x89PNG\r\n\x1a\n"},
	".jpg":  {"image/jpeg", "\xff\xd8\xff"},
	".jpeg": {"image/jpeg", "\xff\xd8\xff"},
	".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\x03\x04"},
	".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04"},
	".txt":  {"text/plain; charset=utf-8", ""},
	".csv":  {"text/csv; charset=utf-8", ""},
}

// sniffEvidence checks that a file is what its name says, and returns its content type.
func sniffEvidence(name string, data []byte) (string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	t, ok := evidenceTypes[ext]
	if !ok {
		return "", progress.ValidationErrors{{Field: "file", Message: fmt.Sprintf("不支持的文件类型 %q（可上传 pdf、docx、xlsx、png、jpg、txt、csv）/ file type not accepted", ext)}}
	}
	fits := strings.HasPrefix(string(data), t.magic)
	if t.magic == "" { // text: valid UTF-8 with no NUL bytes
		fits = utf8.Valid(data) && !bytes.ContainsRune(data, 0)
	}
	if !fits {
		return "", progress.ValidationErrors{{Field: "file", Message: fmt.Sprintf("文件内容与扩展名 %s 不符 / the content does not match its name", ext)}}
	}
	return t.ctype, nil
}

// EvidenceProblem says what is wrong with a file before it is offered to AddEvidence, as
// a code for the pages to word: "size" (empty or over MaxEvidenceBytes), "type" (a kind
// not accepted), "content" (the content is not what the name says); "" when nothing.
// AddEvidence checks the same again.
func EvidenceProblem(name string, data []byte) string {
	if len(data) == 0 || len(data) > MaxEvidenceBytes {
		return "size"
	}
	if _, ok := evidenceTypes[strings.ToLower(filepath.Ext(name))]; !ok {
		return "type"
	}
	if _, err := sniffEvidence(name, data); err != nil {
		return "content"
	}
	return ""
}

// AddEvidence attaches a file to a report, for those who may report for its department.
func (s *Service) AddEvidence(ctx context.Context, a Actor, reportID int64, filename string, data []byte) (store.Evidence, error) {
	var e store.Evidence
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		r, err := s.store.Report(ctx, reportID)
		if err != nil {
			return err
		}
		ind, err := s.store.Indicator(ctx, r.IndicatorID)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.EvidenceUpload, reportResource(ind, 0)); err != nil {
			return err
		}
		if len(data) == 0 || len(data) > MaxEvidenceBytes {
			return progress.ValidationErrors{{Field: "file", Message: fmt.Sprintf("文件须在 1 字节到 %d MB 之间 / a file must be 1 byte to %d MB", MaxEvidenceBytes>>20, MaxEvidenceBytes>>20)}}
		}
		ctype, err := sniffEvidence(filename, data)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		e = store.Evidence{ReportID: r.ID, Filename: filepath.Base(filename), ContentType: ctype, Size: int64(len(data)),
			SHA256: hex.EncodeToString(sum[:]), UploadedBy: a.UserID, Data: data}
		if err := s.store.InsertEvidence(ctx, &e); err != nil {
			return err
		}
		return s.record(ctx, a, ind.RegionID, "evidence.upload", "report", r.ID, nil, e, "")
	})
	return e, err
}

// evidenceResource is who may see a report's files: like the report, and the public
// only for approved figures of public indicators.
func (s *Service) evidenceResource(ctx context.Context, a Actor, reportID int64) (store.StoredReport, auth.Resource, error) {
	r, err := s.store.Report(ctx, reportID)
	if err != nil {
		return r, auth.Resource{}, err
	}
	ind, err := s.store.Indicator(ctx, r.IndicatorID)
	if err != nil {
		return r, auth.Resource{}, err
	}
	return r, s.readResource(a, ind, r.State), nil
}

// ReportEvidence lists a report's files.
func (s *Service) ReportEvidence(ctx context.Context, a Actor, reportID int64) ([]store.Evidence, error) {
	_, res, err := s.evidenceResource(ctx, a, reportID)
	if err != nil {
		return nil, err
	}
	if err := s.can(a, auth.EvidenceRead, res); err != nil {
		return nil, err
	}
	return s.store.ReportEvidence(ctx, reportID)
}

// EvidenceFile reads one file with its content, for those who may see its report.
func (s *Service) EvidenceFile(ctx context.Context, a Actor, id int64) (store.Evidence, error) {
	e, err := s.store.EvidenceFile(ctx, id)
	if err != nil {
		return e, err
	}
	_, res, err := s.evidenceResource(ctx, a, e.ReportID)
	if err != nil {
		return e, err
	}
	if err := s.can(a, auth.EvidenceRead, res); err != nil {
		return store.Evidence{}, err
	}
	return e, nil
}
