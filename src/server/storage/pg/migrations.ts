import type pg from "pg";

/*
 * Versioned PostgreSQL schema, like ../sqlite/migrations.ts: each migration runs once, in order,
 * in its own transaction, and `schema_version` keeps what was applied. A database of a newer
 * mmr-review is refused with one line. Append new migrations; never edit one that has shipped.
 *
 * Version 1 is the SQLite schema as of its version 5, in PostgreSQL terms: full text is a stored
 * `tsvector` column of the pair's current question and answer (edits applied) with a GIN index
 * instead of an FTS5 table; JSON columns stay text (they are parsed by the same code as SQLite's).
 * Split names and pair ids are COLLATE "C": byte order, as in SQLite, whatever the database's
 * locale, so sort order, cursors and the `id >= 'split:' AND id < 'split;'` ranges mean the same.
 */

interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: "splits, images, annotations, pairs (with tsvector), categories, decisions, history, idempotency, counts, predictions",
    sql: `
      CREATE TABLE splits (
        name TEXT COLLATE "C" PRIMARY KEY,
        source_file TEXT NOT NULL,
        source_hash TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        changes BIGINT NOT NULL DEFAULT 0
      );

      CREATE TABLE images (
        pk INTEGER PRIMARY KEY,
        split TEXT COLLATE "C" NOT NULL,
        ordinal INTEGER NOT NULL,
        image_id BIGINT NOT NULL,
        file_name TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        file_flags INTEGER NOT NULL,
        raw TEXT NOT NULL,
        UNIQUE (split, ordinal),
        UNIQUE (split, image_id)
      );

      CREATE TABLE annotations (
        image_pk INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        ann_id BIGINT,
        category_id BIGINT NOT NULL,
        category TEXT NOT NULL,
        kind TEXT NOT NULL,
        instance_name TEXT NOT NULL,
        parent INTEGER,
        bbox TEXT NOT NULL,
        area DOUBLE PRECISION NOT NULL,
        mask_box TEXT NOT NULL,
        rle TEXT,
        h INTEGER NOT NULL,
        w INTEGER NOT NULL,
        PRIMARY KEY (image_pk, idx)
      );

      CREATE TABLE pairs (
        pk INTEGER PRIMARY KEY,
        id TEXT COLLATE "C" NOT NULL UNIQUE,
        split TEXT COLLATE "C" NOT NULL,
        seq INTEGER NOT NULL,
        image_pk INTEGER NOT NULL,
        image_id BIGINT NOT NULL,
        idx INTEGER NOT NULL,
        question TEXT NOT NULL,
        text_answer TEXT NOT NULL,
        raw_answer TEXT,
        orig_targets TEXT NOT NULL,
        imported_flags INTEGER NOT NULL,
        imported_granularity TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        targets TEXT NOT NULL,
        target_count INTEGER NOT NULL,
        granularity TEXT NOT NULL,
        flags INTEGER NOT NULL,
        flag_order INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        reviewer TEXT,
        edited_question TEXT,
        edited_answer TEXT,
        -- current question and answer, edits applied; kept by PostgreSQL on every insert and update
        tsv TSVECTOR GENERATED ALWAYS AS (
          to_tsvector('simple', coalesce(edited_question, question) || ' ' || coalesce(edited_answer, text_answer))
        ) STORED
      );
      CREATE INDEX pairs_dataset ON pairs (split, seq) INCLUDE (status, granularity, target_count, flags, reviewer);
      CREATE INDEX pairs_flagged ON pairs (split, flag_order, seq) INCLUDE (status, granularity, target_count, flags, reviewer);
      CREATE INDEX pairs_image ON pairs (image_pk, idx);
      CREATE INDEX pairs_fts ON pairs USING GIN (tsv);

      CREATE TABLE pair_categories (
        category TEXT NOT NULL,
        pair_pk INTEGER NOT NULL,
        PRIMARY KEY (category, pair_pk)
      );
      CREATE INDEX pair_categories_pair ON pair_categories (pair_pk);

      CREATE TABLE decisions (
        pair_id TEXT COLLATE "C" PRIMARY KEY,
        status TEXT NOT NULL,
        reasons TEXT NOT NULL,
        note TEXT NOT NULL,
        edits TEXT,
        reviewer TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        flags INTEGER NOT NULL,
        granularity TEXT NOT NULL,
        targets TEXT NOT NULL
      );
      CREATE INDEX decisions_reviewer ON decisions (reviewer, status);

      CREATE TABLE history (
        seq BIGSERIAL PRIMARY KEY,
        pair_id TEXT COLLATE "C" NOT NULL,
        version INTEGER NOT NULL,
        reviewer TEXT NOT NULL,
        at TEXT NOT NULL,
        before TEXT,
        after TEXT NOT NULL,
        UNIQUE (pair_id, version)
      );

      CREATE TABLE idempotency (
        key TEXT NOT NULL,
        pair_id TEXT COLLATE "C" NOT NULL,
        result TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (key, pair_id)
      );

      CREATE TABLE pair_counts (
        split TEXT COLLATE "C" NOT NULL,
        status TEXT NOT NULL,
        granularity TEXT NOT NULL,
        flags INTEGER NOT NULL,
        target_count INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (split, status, granularity, flags, target_count)
      );

      CREATE TABLE prediction_models (
        pk SERIAL PRIMARY KEY,
        split TEXT COLLATE "C" NOT NULL,
        name TEXT NOT NULL,
        source_file TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        pairs INTEGER NOT NULL,
        UNIQUE (split, name)
      );
      CREATE TABLE predictions (
        pk BIGSERIAL PRIMARY KEY,
        model_pk INTEGER NOT NULL,
        pair_id TEXT COLLATE "C" NOT NULL,
        h INTEGER NOT NULL,
        w INTEGER NOT NULL,
        masks TEXT NOT NULL,
        scores TEXT,
        target_ious TEXT NOT NULL,
        iou DOUBLE PRECISION,
        sort_iou DOUBLE PRECISION NOT NULL,
        UNIQUE (model_pk, pair_id)
      );
      CREATE INDEX predictions_sort ON predictions (model_pk, sort_iou, pair_id) INCLUDE (iou);
      CREATE INDEX pairs_id_status ON pairs (id) INCLUDE (status);
    `,
  },
  {
    version: 2,
    description: "split_summary (edited pairs and kept images per split, for the export preview); history status and indexes for the dashboard; models' mean IoU",
    sql: `
      -- Maintained by decision writes (inside their transaction) and recounted by imports and
      -- migrate; see splitSummary.ts. accepted_*: images with an accepted pair (kept by a default
      -- export) and their record bytes; open_*: images with an accepted or pending pair.
      CREATE TABLE split_summary (
        split TEXT COLLATE "C" PRIMARY KEY,
        images INTEGER NOT NULL,
        accepted_images INTEGER NOT NULL,
        accepted_bytes BIGINT NOT NULL,
        open_images INTEGER NOT NULL,
        open_bytes BIGINT NOT NULL,
        edited_pending INTEGER NOT NULL,
        edited_accepted INTEGER NOT NULL,
        edited_rejected INTEGER NOT NULL
      );
      INSERT INTO split_summary (split, images, accepted_images, accepted_bytes, open_images, open_bytes,
          edited_pending, edited_accepted, edited_rejected)
        SELECT s.name, count(k.pk), count(*) FILTER (WHERE k.a > 0), coalesce(sum(k.b) FILTER (WHERE k.a > 0), 0),
               count(*) FILTER (WHERE k.a + k.o > 0), coalesce(sum(k.b) FILTER (WHERE k.a + k.o > 0), 0),
               (SELECT count(*) FROM pairs p WHERE p.split = s.name AND p.status = 'pending'
                  AND (p.edited_question IS NOT NULL OR p.edited_answer IS NOT NULL OR p.targets <> p.orig_targets)),
               (SELECT count(*) FROM pairs p WHERE p.split = s.name AND p.status = 'accepted'
                  AND (p.edited_question IS NOT NULL OR p.edited_answer IS NOT NULL OR p.targets <> p.orig_targets)),
               (SELECT count(*) FROM pairs p WHERE p.split = s.name AND p.status = 'rejected'
                  AND (p.edited_question IS NOT NULL OR p.edited_answer IS NOT NULL OR p.targets <> p.orig_targets))
        FROM splits s LEFT JOIN (
          SELECT i.pk, i.split, octet_length(i.raw) AS b,
                 count(p.pk) FILTER (WHERE p.status = 'accepted') AS a, count(p.pk) FILTER (WHERE p.status = 'pending') AS o
          FROM images i LEFT JOIN pairs p ON p.image_pk = i.pk GROUP BY i.pk
        ) k ON k.split = s.name
        GROUP BY s.name;
      -- The dashboard's drill-downs (disagree, decided by) look pairs up by who wrote them.
      CREATE INDEX history_reviewer ON history (reviewer, pair_id);
      -- The status each history entry wrote, kept by PostgreSQL on insert: activity and the
      -- drill-downs read it for every entry, and parsing 'after' as JSON each time cost seconds.
      ALTER TABLE history ADD COLUMN status TEXT GENERATED ALWAYS AS (after::jsonb ->> 'status') STORED;
      -- A model's mean IoU, computed once when its import commits (its predictions never change).
      ALTER TABLE prediction_models ADD COLUMN mean_iou DOUBLE PRECISION;
      UPDATE prediction_models m SET mean_iou = (SELECT avg(pr.iou) FROM predictions pr WHERE pr.model_pk = m.pk AND pr.iou IS NOT NULL);
      -- The reviewer filter (current reviewer of decided pairs) without reading the split's pairs.
      CREATE INDEX pairs_reviewer ON pairs (reviewer, split) INCLUDE (status, granularity, target_count, flags) WHERE reviewer IS NOT NULL;
    `,
  },
  {
    version: 3,
    description: "partial indexes per flag (rare-flag queue and neighbours), flagged order over every split, kept pairs per image",
    sql: `
      -- A flag filter walks pairs_dataset until it meets a pair with the flag: the whole split when
      -- the flag is rare. One small partial index per flag (the bit is a literal in the query, see
      -- pairList.ts) lists exactly its pairs in dataset order, so pages and neighbours seek.
      CREATE INDEX pairs_flag_seg_count ON pairs (split, seq) WHERE (flags & 1) <> 0;
      CREATE INDEX pairs_flag_braces ON pairs (split, seq) WHERE (flags & 2) <> 0;
      CREATE INDEX pairs_flag_box_mismatch ON pairs (split, seq) WHERE (flags & 4) <> 0;
      CREATE INDEX pairs_flag_explicit ON pairs (split, seq) WHERE (flags & 8) <> 0;
      CREATE INDEX pairs_flag_duplicate ON pairs (split, seq) WHERE (flags & 16) <> 0;
      CREATE INDEX pairs_flag_empty_mask ON pairs (split, seq) WHERE (flags & 32) <> 0;
      CREATE INDEX pairs_flag_unsafe_path ON pairs (split, seq) WHERE (flags & 64) <> 0;
      CREATE INDEX pairs_flag_missing_image ON pairs (split, seq) WHERE (flags & 128) <> 0;
      CREATE INDEX pairs_flag_no_targets ON pairs (split, seq) WHERE (flags & 256) <> 0;
      CREATE INDEX pairs_flag_mask_form ON pairs (split, seq) WHERE (flags & 512) <> 0;
      CREATE INDEX pairs_flag_bad_rle ON pairs (split, seq) WHERE (flags & 1024) <> 0;
      CREATE INDEX pairs_flag_seg_token ON pairs (split, seq) WHERE (flags & 2048) <> 0;
      CREATE INDEX pairs_flag_empty_answer ON pairs (split, seq) WHERE (flags & 4096) <> 0;
      CREATE INDEX pairs_flag_target_copy ON pairs (split, seq) WHERE (flags & 8192) <> 0;
      CREATE INDEX pairs_flag_name_mismatch ON pairs (split, seq) WHERE (flags & 16384) <> 0;
      CREATE INDEX pairs_flag_misaligned ON pairs (split, seq) WHERE (flags & 32768) <> 0;
      -- The flagged order without a split filter (flag_order, split, seq): pairs_flagged leads with split.
      CREATE INDEX pairs_flagged_all ON pairs (flag_order, split, seq);
      -- The loader preview's kept pairs per image: an index-only scan instead of the wide pairs rows.
      CREATE INDEX pairs_split_image ON pairs (split, image_pk) INCLUDE (status);
    `,
  },
  {
    version: 4,
    description: "accounts: users, sessions and API tokens (issue 11)",
    sql: `
      CREATE TABLE users (
        name_key TEXT COLLATE "C" PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'lead', 'reviewer', 'viewer')),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE sessions (
        id_hash TEXT COLLATE "C" PRIMARY KEY,
        user_key TEXT COLLATE "C" NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX sessions_user ON sessions (user_key);
      CREATE TABLE api_tokens (
        id TEXT COLLATE "C" PRIMARY KEY,
        hash TEXT COLLATE "C" NOT NULL UNIQUE,
        user_key TEXT COLLATE "C" NOT NULL,
        label TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        last_used_at TEXT COLLATE "C",
        revoked_at TEXT
      );
      CREATE INDEX api_tokens_user ON api_tokens (user_key);
    `,
  },
  {
    version: 5,
    description: "review rounds: rounds, members, slots, leases, votes and their history; comments",
    sql: `
      CREATE TABLE rounds (
        id SERIAL PRIMARY KEY,
        name TEXT NOT NULL,
        split TEXT COLLATE "C" NOT NULL,
        filter TEXT NOT NULL,
        overlap INTEGER NOT NULL,
        share DOUBLE PRECISION NOT NULL,
        seed TEXT NOT NULL,
        blind BOOLEAN NOT NULL,
        reviewers TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        closed BOOLEAN NOT NULL DEFAULT false
      );
      CREATE TABLE round_members (
        reviewer TEXT COLLATE "C" NOT NULL,
        round_id INTEGER NOT NULL,
        PRIMARY KEY (reviewer, round_id)
      );
      -- Leases and votes lock their slot row (FOR UPDATE), so they serialise per pair across servers.
      CREATE TABLE round_slots (
        round_id INTEGER NOT NULL,
        pair_id TEXT COLLATE "C" NOT NULL,
        seq INTEGER NOT NULL,
        needed INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'open',
        votes INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (round_id, pair_id)
      );
      CREATE INDEX round_slots_walk ON round_slots (round_id, state, seq);
      CREATE INDEX round_slots_pair ON round_slots (pair_id);
      CREATE TABLE round_leases (
        round_id INTEGER NOT NULL,
        pair_id TEXT COLLATE "C" NOT NULL,
        reviewer TEXT COLLATE "C" NOT NULL,
        expires_at BIGINT NOT NULL,
        PRIMARY KEY (round_id, pair_id, reviewer)
      );
      CREATE INDEX round_leases_reviewer ON round_leases (reviewer, expires_at);
      CREATE TABLE votes (
        round_id INTEGER NOT NULL,
        pair_id TEXT COLLATE "C" NOT NULL,
        reviewer TEXT COLLATE "C" NOT NULL,
        status TEXT NOT NULL,
        reasons TEXT NOT NULL,
        note TEXT NOT NULL,
        edits TEXT,
        targets TEXT NOT NULL,
        granularity TEXT NOT NULL,
        at TEXT NOT NULL,
        at_ms BIGINT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (round_id, pair_id, reviewer)
      );
      CREATE INDEX votes_pair ON votes (pair_id);
      CREATE INDEX votes_reviewer ON votes (round_id, reviewer, at_ms);
      CREATE TABLE vote_history (
        pk BIGSERIAL PRIMARY KEY,
        round_id INTEGER NOT NULL,
        pair_id TEXT COLLATE "C" NOT NULL,
        reviewer TEXT NOT NULL,
        at TEXT NOT NULL,
        vote TEXT NOT NULL
      );
      CREATE INDEX vote_history_pair ON vote_history (round_id, pair_id);
      CREATE TABLE comments (
        pk BIGSERIAL PRIMARY KEY,
        pair_id TEXT COLLATE "C" NOT NULL,
        split TEXT COLLATE "C" NOT NULL,
        author TEXT NOT NULL,
        text TEXT NOT NULL,
        mentions TEXT NOT NULL,
        discussion BOOLEAN NOT NULL DEFAULT false,
        at TEXT NOT NULL
      );
      CREATE INDEX comments_pair ON comments (pair_id, pk);
      CREATE INDEX comments_split ON comments (split, pair_id);
    `,
  },
  {
    version: 6,
    description: "failed logins counted in the database, so every server process of a team shares the limits",
    // The table rate-limiter-flexible's RateLimiterPostgres reads and writes (its own layout).
    sql: `
      CREATE TABLE login_attempts (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      );
    `,
  },
  {
    version: 7,
    description: "per-split tallies in 16 stripes (pair counts, summary, change counter, reasons, reviewers), so concurrent decisions of one split do not queue on one row",
    // A decision adds its moves to the rows of one stripe (slot 0–15, chosen per transaction);
    // readers sum the stripes. Reasons and reviewers of the decided pairs are kept like SQLite's
    // split_reasons / split_reviewers instead of joining every decision to its pair for the stats.
    sql: `
      ALTER TABLE pair_counts ADD COLUMN slot SMALLINT NOT NULL DEFAULT 0;
      ALTER TABLE pair_counts DROP CONSTRAINT pair_counts_pkey;
      ALTER TABLE pair_counts ADD PRIMARY KEY (split, status, granularity, flags, target_count, slot);

      ALTER TABLE split_summary ADD COLUMN slot SMALLINT NOT NULL DEFAULT 0;
      ALTER TABLE split_summary DROP CONSTRAINT split_summary_pkey;
      ALTER TABLE split_summary ADD PRIMARY KEY (split, slot);

      CREATE TABLE split_changes (
        split TEXT COLLATE "C" NOT NULL,
        slot SMALLINT NOT NULL,
        n BIGINT NOT NULL,
        PRIMARY KEY (split, slot)
      );
      CREATE TABLE split_reasons (
        split TEXT COLLATE "C" NOT NULL,
        reason TEXT COLLATE "C" NOT NULL,
        slot SMALLINT NOT NULL DEFAULT 0,
        n INTEGER NOT NULL,
        PRIMARY KEY (split, reason, slot)
      );
      CREATE TABLE split_reviewers (
        split TEXT COLLATE "C" NOT NULL,
        reviewer TEXT COLLATE "C" NOT NULL,
        slot SMALLINT NOT NULL DEFAULT 0,
        n INTEGER NOT NULL,
        PRIMARY KEY (split, reviewer, slot)
      );
      INSERT INTO split_reasons (split, reason, n)
        SELECT p.split, r.reason, count(*) FROM decisions d JOIN pairs p ON p.id = d.pair_id,
          jsonb_array_elements_text(d.reasons::jsonb) AS r(reason)
        WHERE d.status <> 'pending' GROUP BY p.split, r.reason;
      INSERT INTO split_reviewers (split, reviewer, n)
        SELECT p.split, d.reviewer, count(*) FROM decisions d JOIN pairs p ON p.id = d.pair_id
        WHERE d.status <> 'pending' GROUP BY p.split, d.reviewer;
    `,
  },
  {
    version: 8,
    description: "sessions.last_seen_at (idle timeout); comments.edited_at (comment edits)",
    sql: `
      ALTER TABLE sessions ADD COLUMN last_seen_at TEXT COLLATE "C";
      UPDATE sessions SET last_seen_at = created_at;
      ALTER TABLE comments ADD COLUMN edited_at TEXT;
    `,
  },
];

/** Thrown when the database was written by a newer mmr-review. */
export class NewerSchemaError extends Error {
  constructor(found: number, newest: number) {
    super(`the database has schema version ${found}, newer than this program knows (${newest}); upgrade mmr-review`);
    this.name = "NewerSchemaError";
  }
}

/**
 * Brings the database to the newest version. Several servers may start at once: a transaction
 * advisory lock makes them migrate one after the other (the later ones find nothing to do).
 */
export async function migrate(client: pg.ClientBase, list: readonly Migration[] = migrations): Promise<number> {
  const newest = list.at(-1)?.version ?? 0;
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock(7262001)");
    await client.query("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    const { rows } = await client.query<{ version: number | null }>("SELECT max(version) AS version FROM schema_version");
    let current = rows[0]?.version ?? 0;
    if (current > newest) throw new NewerSchemaError(current, newest);
    for (const migration of list) {
      if (migration.version <= current) continue;
      await client.query(migration.sql);
      await client.query("INSERT INTO schema_version (version) VALUES ($1)", [migration.version]);
      current = migration.version;
    }
    await client.query("COMMIT");
    return current;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}
