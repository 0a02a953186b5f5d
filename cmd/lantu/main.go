// Command lantu runs a district's development plan: see README.md.
package main

import (
	"os"

	"github.com/lantu-dev/lantu/internal/cli"
)

func main() { os.Exit(cli.Main()) }
