import Database from 'better-sqlite3';

/**
 * Every row of every table of a store file, in a fixed order, without the columns that hold times
 * (`*_at`): two stores written the same way dump equal.
 *
 * @example
 * expect(dumpTables(a)).toEqual(dumpTables(b));
 */
export function dumpTables(path: string): Map<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  const out = new Map<string, unknown[]>();
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
  for (const { name } of tables) {
    const cols = (db.prepare(`PRAGMA table_info("${name}")`).all() as Array<{ name: string }>).map((c) => c.name).filter((c) => !/_at$/.test(c));
    const list = cols.map((c) => `"${c}"`).join(', ');
    out.set(name, db.prepare(`SELECT ${list} FROM "${name}" ORDER BY ${list}`).raw().all());
  }
  db.close();
  return out;
}
