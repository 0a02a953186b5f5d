package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func TestWriteRead(t *testing.T) {
	d := New("沙坪坝区2022年3月通报")
	d.Title("沙坪坝区“四个示范区”建设月度通报")
	d.Subtitle("2022年3月")
	d.Heading(1, "一、总体情况")
	d.Text("纳入研判指标9项，正常及完成3项。")
	d.Para(Run{Text: "滞后：", Bold: true}, Run{Text: "服务贸易 <进出口> & “总额”", Color: "B42318"})
	d.Heading(2, "（一）开放引领示范区")
	d.Table([]string{"序号", "指标", "责任单位"}, [][]Cell{
		{C("1"), C("实际利用外资"), C("区商务委")},
		{C("2"), {Runs: []Run{{Text: "两行\n文字"}}, Fill: "FDECEA"}, C("")},
	}, []int{1, 5, 3})
	d.Text("控制字符\x01被丢弃")
	data, err := d.Bytes(time.Date(2022, 4, 5, 1, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	// Every part is well-formed XML.
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range z.File {
		names[f.Name] = true
		rc, _ := f.Open()
		dec := xml.NewDecoder(rc)
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
		}
		rc.Close()
	}
	for _, n := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels", "docProps/core.xml"} {
		if !names[n] {
			t.Errorf("missing part %s", n)
		}
	}
	blocks, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	want := []Block{
		{Style: "Title", Text: "沙坪坝区“四个示范区”建设月度通报"},
		{Style: "Subtitle", Text: "2022年3月"},
		{Style: "Heading1", Text: "一、总体情况"},
		{Text: "纳入研判指标9项，正常及完成3项。"},
		{Text: "滞后：服务贸易 <进出口> & “总额”"},
		{Style: "Heading2", Text: "（一）开放引领示范区"},
		{Rows: [][]string{{"序号", "指标", "责任单位"}, {"1", "实际利用外资", "区商务委"}, {"2", "两行\n文字", ""}}},
		{Style: "Plain"},
		{Text: "控制字符被丢弃"},
	}
	if len(blocks) != len(want) {
		t.Fatalf("%d blocks, want %d: %+v", len(blocks), len(want), blocks)
	}
	for i := range want {
		g, w := blocks[i], want[i]
		if g.Style != w.Style || g.Text != w.Text || len(g.Rows) != len(w.Rows) {
			t.Errorf("block %d: %+v, want %+v", i, g, w)
			continue
		}
		for r := range w.Rows {
			if strings.Join(g.Rows[r], "|") != strings.Join(w.Rows[r], "|") {
				t.Errorf("block %d row %d: %q, want %q", i, r, g.Rows[r], w.Rows[r])
			}
		}
	}
	// A4 portrait.
	if doc := readPart(t, data, "word/document.xml"); !strings.Contains(doc, `<w:pgSz w:w="11906" w:h="16838"/>`) {
		t.Error("the page is not A4")
	}
}

func TestReadRefusesOtherFiles(t *testing.T) {
	if _, err := Read([]byte("plain text")); !errors.Is(err, ErrNotDocx) {
		t.Errorf("plain text: %v", err)
	}
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, err := z.Create("hello.txt")
	if err == nil {
		_, err = w.Write([]byte("hi"))
	}
	if err == nil {
		err = z.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Read(b.Bytes()); !errors.Is(err, ErrNotDocx) {
		t.Errorf("a zip without a document: %v", err)
	}
}

func readPart(t *testing.T, data []byte, name string) string {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == name {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatalf("no %s", name)
	return ""
}
