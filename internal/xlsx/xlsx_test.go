package xlsx

import (
	"testing"
)

func TestWorkbookRoundTrip(t *testing.T) {
	f := writeXLSX(t, sample())
	fillSample(t, f)
	got, err := readBytes(save(t, f))
	if err != nil {
		t.Fatal(err)
	}
	if d := diffEntries(got, wantSample()); d != "" {
		t.Error(d)
	}
}
