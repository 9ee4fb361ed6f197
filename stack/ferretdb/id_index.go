package main

// FerretDB v1's SQLite backend pushes a lone `_id` filter down as `WHERE _ferretdb_sjson->'$._id' = ?`, but the
// unique index it creates for `_id` is on `_ferretdb_sjson->"_id"`. SQLite only uses an index whose expression is
// written the same way, so every lookup by `_id` scanned the whole table: the hub's writes slowed down as
// collections grew (a 10,000-movement inventory run crawled). This sweeper gives every collection table an index on
// the expression the queries use. FerretDB never reads sqlite_master, so the extra index is invisible to it, and a
// dropped collection drops its index with its table.

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite"
)

const idIndexSuffix = "__local_id_expr"

// sweepIDIndexes adds the missing `_id` expression indexes in every database file of dir, every interval.
func sweepIDIndexes(ctx context.Context, dir string, interval time.Duration, logger *slog.Logger) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		for _, file := range files {
			if err := indexFile(ctx, file); err != nil && ctx.Err() == nil {
				logger.Debug("id index sweep", "file", filepath.Base(file), "error", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// indexFile creates the index on each collection table of one database file that lacks it.
func indexFile(ctx context.Context, file string) error {
	if _, err := os.Stat(file); err != nil {
		return err
	}
	// mode=rw: never create a file FerretDB has just dropped.
	db, err := sql.Open("sqlite", "file:"+file+"?mode=rw&_pragma=busy_timeout(2000)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'
		AND name NOT LIKE '\_ferretdb\_%' ESCAPE '\'
		AND name || ? NOT IN (SELECT name FROM sqlite_master WHERE type = 'index')`, idIndexSuffix)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, name)
	}
	rows.Close()
	for _, table := range tables {
		quoted := strings.ReplaceAll(table, `"`, `""`)
		stmt := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS "%s%s" ON "%s" (_ferretdb_sjson->'$._id')`,
			quoted, idIndexSuffix, quoted)
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
	}
	return nil
}
