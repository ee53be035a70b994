import { type Kysely, sql } from 'kysely';

/** At most one instance owner, enforced by the database so two racing setups cannot both win. */
export function oneOwner() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('users_one_owner')
        .on('users')
        .column('role')
        .unique()
        .where(sql.ref('role'), '=', 'owner')
        .execute();
    },
  };
}
