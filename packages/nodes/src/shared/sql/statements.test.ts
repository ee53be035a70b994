import { describe, expect, it } from 'vitest';
import { mysqlDialect, postgresDialect } from './dialect.ts';
import { deleteStatement, insertStatement, selectStatement, updateStatement } from './statements.ts';

const ref = { schema: 'public', table: 'order"s' };

describe('SQL statements from parameters', () => {
  it('select: quoted identifiers, every value a placeholder', () => {
    expect(
      selectStatement(postgresDialect, {
        ref,
        where: [
          { column: 'name', condition: 'equal', value: "x' OR 1=1 --" },
          { column: 'deleted', condition: 'IS NULL' },
        ],
        combine: 'OR',
        sort: [{ column: 'id', direction: 'DESC' }],
        limit: 5,
        columns: ['id', 'name'],
      }),
    ).toEqual({
      sql: 'SELECT "id", "name" FROM "public"."order""s" WHERE "name" = $1 OR "deleted" IS NULL ORDER BY "id" DESC LIMIT $2',
      values: ["x' OR 1=1 --", 5],
    });
  });

  it('insert, upsert and update for PostgreSQL and MySQL', () => {
    const row = { id: 1, name: 'a' };
    expect(insertStatement(postgresDialect, { ref, row, upsert: { match: ['id'] } }).sql).toBe(
      'INSERT INTO "public"."order""s" ("id", "name") VALUES ($1, $2) ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name" RETURNING *',
    );
    expect(
      insertStatement(mysqlDialect, { ref: { schema: '', table: 't' }, row, upsert: { match: ['id'] } }).sql,
    ).toBe('INSERT INTO `t` (`id`, `name`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `name` = VALUES(`name`)');
    expect(
      insertStatement(mysqlDialect, { ref: { schema: '', table: 't' }, row, skipOnConflict: true }).sql,
    ).toBe('INSERT IGNORE INTO `t` (`id`, `name`) VALUES (?, ?)');
    expect(updateStatement(postgresDialect, { ref, row, match: ['id'], output: ['id'] })).toEqual({
      sql: 'UPDATE "public"."order""s" SET "name" = $1 WHERE "id" = $2 RETURNING "id"',
      values: ['a', 1],
    });
  });

  it('delete: truncate, drop, or rows matching the conditions', () => {
    const base = { ref, where: [], combine: 'AND' as const };
    expect(
      deleteStatement(postgresDialect, {
        ...base,
        command: 'truncate',
        restartSequences: true,
        cascade: true,
      }).sql,
    ).toBe('TRUNCATE TABLE "public"."order""s" RESTART IDENTITY CASCADE');
    expect(
      deleteStatement(mysqlDialect, { ...base, ref: { schema: '', table: 't' }, command: 'drop' }).sql,
    ).toBe('DROP TABLE IF EXISTS `t`');
    expect(
      deleteStatement(mysqlDialect, {
        ...base,
        ref: { schema: '', table: 't' },
        command: 'delete',
        where: [{ column: 'qty', condition: '<', value: 3 }],
      }),
    ).toEqual({ sql: 'DELETE FROM `t` WHERE `qty` < ?', values: [3] });
  });
});
