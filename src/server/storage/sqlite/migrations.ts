import type Database from "better-sqlite3";
import { schemaTooNew } from "./errors";

/*
 * Versioned schema. Each migration runs once, in order, inside its own transaction; the applied
 * version is kept in `schema_version`. Append new migrations; never edit one that has shipped.
 */

interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: "splits, images, annotations, pairs, decisions, history, idempotency, full text",
    sql: `
      CREATE TABLE splits (
        name TEXT PRIMARY KEY,
        source_file TEXT NOT NULL,
        source_hash TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        -- bumped by every saved decision and every import, for live sync
        changes INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE images (
        pk INTEGER PRIMARY KEY,
        split TEXT NOT NULL,
        ordinal INTEGER NOT NULL,
        image_id INTEGER NOT NULL,
        file_name TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        file_flags INTEGER NOT NULL,
        -- the record's JSON text exactly as read (see rawCodec.ts for the encoding)
        raw BLOB NOT NULL
      );
      CREATE UNIQUE INDEX images_order ON images(split, ordinal);
      CREATE UNIQUE INDEX images_split_id ON images(split, image_id);
      CREATE INDEX images_id ON images(image_id);

      CREATE TABLE annotations (
        image_pk INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        ann_id INTEGER,
        category_id INTEGER NOT NULL,
        category TEXT NOT NULL,
        kind TEXT NOT NULL,
        instance_name TEXT NOT NULL,
        parent INTEGER,
        bbox TEXT NOT NULL,
        area REAL NOT NULL,
        mask_box TEXT NOT NULL,
        rle TEXT, -- NULL: the record's own compressed string (annotations[idx].segmentation.counts)
        h INTEGER NOT NULL,
        w INTEGER NOT NULL,
        PRIMARY KEY (image_pk, idx)
      ) WITHOUT ROWID; -- rows are small (masks mostly stay in the record), so one b-tree is enough

      CREATE TABLE pairs (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        split TEXT NOT NULL,
        -- dataset order within the split (record, then question index)
        seq INTEGER NOT NULL,
        image_pk INTEGER NOT NULL,
        image_id INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        question TEXT NOT NULL,
        text_answer TEXT NOT NULL,
        raw_answer TEXT,
        orig_targets TEXT NOT NULL,
        imported_flags INTEGER NOT NULL,
        imported_granularity TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        -- current state, edits applied; copied from decisions so filters need no join
        targets TEXT NOT NULL,
        target_count INTEGER NOT NULL,
        granularity TEXT NOT NULL,
        flags INTEGER NOT NULL,
        -- 0 when flagged, 1 when clean: sort=flagged orders by (flag_order, seq)
        flag_order INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        reviewer TEXT,
        edited_question TEXT,
        edited_answer TEXT
      );
      -- Covering indexes: every filter but category and full text is answered from them.
      CREATE INDEX pairs_dataset ON pairs(split, seq, status, granularity, target_count, flags, reviewer);
      CREATE INDEX pairs_flagged ON pairs(split, flag_order, seq, status, granularity, target_count, flags, reviewer);
      CREATE INDEX pairs_image ON pairs(image_pk, idx);

      CREATE TABLE pair_categories (
        category TEXT NOT NULL,
        pair_pk INTEGER NOT NULL,
        PRIMARY KEY (category, pair_pk)
      ) WITHOUT ROWID;
      CREATE INDEX pair_categories_pair ON pair_categories(pair_pk);

      -- Current question and answer (edits applied); rowid = pairs.pk.
      CREATE VIRTUAL TABLE pairs_fts USING fts5(
        question, answer,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '3'
      );

      -- Keyed by pair id (stable across re-imports), so a decision survives replacing the split.
      CREATE TABLE decisions (
        pair_id TEXT PRIMARY KEY,
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

      CREATE TABLE history (
        seq INTEGER PRIMARY KEY,
        pair_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        reviewer TEXT NOT NULL,
        at TEXT NOT NULL,
        before TEXT,
        after TEXT NOT NULL,
        UNIQUE (pair_id, version)
      );

      CREATE TABLE idempotency (
        key TEXT NOT NULL,
        pair_id TEXT NOT NULL,
        result TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (key, pair_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: "pair_counts: pairs per (split, status, granularity, flags, target count) for instant counts",
    sql: `
      -- Maintained by imports (recomputed for the split at commit) and decision writes (moved
      -- between keys); counts of filters without category, reviewer or text come from here.
      CREATE TABLE pair_counts (
        split TEXT NOT NULL,
        status TEXT NOT NULL,
        granularity TEXT NOT NULL,
        flags INTEGER NOT NULL,
        target_count INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (split, status, granularity, flags, target_count)
      ) WITHOUT ROWID;
      INSERT INTO pair_counts (split, status, granularity, flags, target_count, n)
        SELECT split, status, granularity, flags, target_count, count(*) FROM pairs GROUP BY 1, 2, 3, 4, 5;
      CREATE INDEX decisions_reviewer ON decisions(reviewer, status);
    `,
  },
  {
    version: 3,
    description: "split summaries: reasons, reviewers, edited pairs and kept images per split, for stats and export preview",
    sql: `
      -- Maintained by decision writes (inside their transaction) and recounted by imports; see
      -- splitSummary.ts. Reasons and reviewers count the current decided (non-pending) pairs.
      CREATE TABLE split_reasons (
        split TEXT NOT NULL,
        reason TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (split, reason)
      ) WITHOUT ROWID;
      CREATE TABLE split_reviewers (
        split TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (split, reviewer)
      ) WITHOUT ROWID;
      -- accepted_*: images with an accepted pair (kept by a default export) and their record
      -- bytes; open_*: images with an accepted or pending pair (kept with --include pending).
      CREATE TABLE split_summary (
        split TEXT PRIMARY KEY,
        images INTEGER NOT NULL,
        accepted_images INTEGER NOT NULL,
        accepted_bytes INTEGER NOT NULL,
        open_images INTEGER NOT NULL,
        open_bytes INTEGER NOT NULL,
        edited_pending INTEGER NOT NULL,
        edited_accepted INTEGER NOT NULL,
        edited_rejected INTEGER NOT NULL
      );
      INSERT INTO split_reasons (split, reason, n)
        SELECT p.split, r.value, count(*) FROM decisions d JOIN pairs p ON p.id = d.pair_id, json_each(d.reasons) r
        WHERE d.status != 'pending' GROUP BY p.split, r.value;
      INSERT INTO split_reviewers (split, reviewer, n)
        SELECT p.split, d.reviewer, count(*) FROM decisions d JOIN pairs p ON p.id = d.pair_id
        WHERE d.status != 'pending' GROUP BY p.split, d.reviewer;
      INSERT INTO split_summary (split, images, accepted_images, accepted_bytes, open_images, open_bytes,
          edited_pending, edited_accepted, edited_rejected)
        SELECT k.split, count(*), coalesce(sum(k.a > 0), 0), coalesce(sum(CASE WHEN k.a > 0 THEN k.b END), 0),
               coalesce(sum(k.a + k.o > 0), 0), coalesce(sum(CASE WHEN k.a + k.o > 0 THEN k.b END), 0), 0, 0, 0
        FROM (SELECT i.split AS split, length(i.raw) AS b,
                     (SELECT count(*) FROM pairs p WHERE p.image_pk = i.pk AND p.status = 'accepted') AS a,
                     (SELECT count(*) FROM pairs p WHERE p.image_pk = i.pk AND p.status = 'pending') AS o
              FROM images i) k
        GROUP BY k.split;
      INSERT OR IGNORE INTO split_summary (split, images, accepted_images, accepted_bytes, open_images, open_bytes,
          edited_pending, edited_accepted, edited_rejected)
        SELECT name, 0, 0, 0, 0, 0, 0, 0, 0 FROM splits;
      UPDATE split_summary SET (edited_pending, edited_accepted, edited_rejected) = (
        SELECT coalesce(sum(p.status = 'pending'), 0), coalesce(sum(p.status = 'accepted'), 0), coalesce(sum(p.status = 'rejected'), 0)
        FROM pairs p WHERE p.split = split_summary.split
          AND (p.edited_question IS NOT NULL OR p.edited_answer IS NOT NULL OR p.targets != p.orig_targets));
    `,
  },
  {
    version: 4,
    description: "prediction_models, predictions: imported model masks with per-pair IoU (issue 12)",
    sql: `
      CREATE TABLE prediction_models (
        pk INTEGER PRIMARY KEY,
        split TEXT NOT NULL,
        name TEXT NOT NULL,
        source_file TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        pairs INTEGER NOT NULL,
        UNIQUE (split, name)
      );
      -- Keyed by pair id (stable across re-imports of the split), like decisions. A rowid table:
      -- rows carry the masks (~1 KB), and an import appends them in file order.
      CREATE TABLE predictions (
        pk INTEGER PRIMARY KEY,
        model_pk INTEGER NOT NULL,
        pair_id TEXT NOT NULL,
        h INTEGER NOT NULL,
        w INTEGER NOT NULL,
        masks TEXT NOT NULL, -- JSON array of compressed COCO RLE strings, one per target
        scores TEXT, -- JSON array, or NULL
        target_ious TEXT NOT NULL, -- JSON array, against the split as imported
        iou REAL, -- mean over the pair's targets; NULL without targets or unscorable
        sort_iou REAL NOT NULL, -- iou, or 2 for NULL: "lowest IoU first" walks this index
        UNIQUE (model_pk, pair_id)
      );
      -- Covering: the lowest-IoU-first walk and the dashboard's IoU rows never open a mask row.
      CREATE INDEX predictions_sort ON predictions(model_pk, sort_iou, pair_id, iou);
      -- A pair's status by id without reading its (large) row: the dashboard joins 154K of them.
      CREATE INDEX pairs_id_status ON pairs(id, status);
    `,
  },
  {
    version: 5,
    description: "loader-true checks: mark every split's source as changed so the next import re-analyses it",
    sql: `
      -- Flags (mask_form, bad_rle, target_copy, …) and target matching by decoded mask are new:
      -- the next import of each split (serve --data, import) re-analyses it instead of skipping an
      -- unchanged file, keeping the decisions of unchanged pairs as any re-import does.
      UPDATE splits SET source_hash = 'before-v5:' || source_hash;
    `,
  },
  {
    version: 6,
    description: "accounts: users, sessions and API tokens (issue 11)",
    sql: `
      -- name_key is the name lower-cased: names are unique regardless of case.
      CREATE TABLE users (
        name_key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'lead', 'reviewer', 'viewer')),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- Only the SHA-256 of a session id or token is stored, never the secret itself.
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        user_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_key);
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        user_key TEXT NOT NULL,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
      );
      CREATE INDEX api_tokens_user ON api_tokens(user_key);
    `,
  },
  {
    version: 7,
    description: "review rounds: rounds, members, slots, leases, votes and their history; comments",
    sql: `
      CREATE TABLE rounds (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        split TEXT NOT NULL,
        filter TEXT NOT NULL, -- JSON: the queue filter the round was made from
        overlap INTEGER NOT NULL,
        share REAL NOT NULL,
        seed TEXT NOT NULL,
        blind INTEGER NOT NULL,
        reviewers TEXT NOT NULL, -- JSON array, in the order the lead gave
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        closed INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE round_members (
        reviewer TEXT NOT NULL,
        round_id INTEGER NOT NULL,
        PRIMARY KEY (reviewer, round_id)
      ) WITHOUT ROWID;
      -- One row per pair of a round; votes is the number of reviewers who voted on it.
      CREATE TABLE round_slots (
        round_id INTEGER NOT NULL,
        pair_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        needed INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'open', -- open | agreed | adjudication | resolved
        votes INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (round_id, pair_id)
      ) WITHOUT ROWID;
      CREATE INDEX round_slots_walk ON round_slots(round_id, state, seq);
      CREATE INDEX round_slots_pair ON round_slots(pair_id);
      CREATE TABLE round_leases (
        round_id INTEGER NOT NULL,
        pair_id TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        expires_at INTEGER NOT NULL, -- ms since the epoch
        PRIMARY KEY (round_id, pair_id, reviewer)
      ) WITHOUT ROWID;
      CREATE INDEX round_leases_reviewer ON round_leases(reviewer, expires_at);
      CREATE TABLE votes (
        round_id INTEGER NOT NULL,
        pair_id TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        status TEXT NOT NULL,
        reasons TEXT NOT NULL,
        note TEXT NOT NULL,
        edits TEXT,
        targets TEXT NOT NULL,
        granularity TEXT NOT NULL,
        at TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (round_id, pair_id, reviewer)
      ) WITHOUT ROWID;
      CREATE INDEX votes_pair ON votes(pair_id);
      CREATE INDEX votes_reviewer ON votes(round_id, reviewer, at_ms);
      CREATE TABLE vote_history (
        pk INTEGER PRIMARY KEY,
        round_id INTEGER NOT NULL,
        pair_id TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        at TEXT NOT NULL,
        vote TEXT NOT NULL -- JSON of the vote as cast
      );
      CREATE INDEX vote_history_pair ON vote_history(round_id, pair_id);
      -- A text-only thread per pair (issue 11); mentions is a JSON array of user names.
      CREATE TABLE comments (
        pk INTEGER PRIMARY KEY,
        pair_id TEXT NOT NULL,
        split TEXT NOT NULL,
        author TEXT NOT NULL,
        text TEXT NOT NULL,
        mentions TEXT NOT NULL,
        discussion INTEGER NOT NULL DEFAULT 0,
        at TEXT NOT NULL
      );
      CREATE INDEX comments_pair ON comments(pair_id, pk);
      CREATE INDEX comments_split ON comments(split, pair_id);
    `,
  },
  {
    version: 8,
    description: "annotations: one JSON list per image (images.annotations) instead of one row each, for faster imports; pairs_pk_filters for full-text counts",
    sql: `
      -- See annotationCodec.ts for the layout: [idx, annId, categoryId, category, kind,
      -- instanceName, parent, bbox, area, maskBox, rle, h, w] per annotation, in idx order.
      ALTER TABLE images ADD COLUMN annotations TEXT NOT NULL DEFAULT '[]';
      UPDATE images SET annotations = (
        SELECT json_group_array(json_array(a.idx, a.ann_id, a.category_id, a.category, a.kind, a.instance_name, a.parent,
                 json(a.bbox), a.area, json(a.mask_box), a.rle, a.h, a.w) ORDER BY a.idx)
        FROM annotations a WHERE a.image_pk = images.pk);
      DROP TABLE annotations;
      -- The old table's rows, read back from the lists, for readers of the old layout (the
      -- SQLite → PostgreSQL migrate copies annotations row by row).
      CREATE VIEW annotations AS
        SELECT i.pk AS image_pk, json_extract(a.value, '$[0]') AS idx, json_extract(a.value, '$[1]') AS ann_id,
               json_extract(a.value, '$[2]') AS category_id, json_extract(a.value, '$[3]') AS category,
               json_extract(a.value, '$[4]') AS kind, json_extract(a.value, '$[5]') AS instance_name,
               json_extract(a.value, '$[6]') AS parent, json_extract(a.value, '$[7]') AS bbox,
               json_extract(a.value, '$[8]') AS area, json_extract(a.value, '$[9]') AS mask_box,
               json_extract(a.value, '$[10]') AS rle, json_extract(a.value, '$[11]') AS h, json_extract(a.value, '$[12]') AS w
        FROM images i, json_each(i.annotations) a;
      -- The queue filters' columns keyed by pk: per-status counts of a full-text filter walk the
      -- match list (rowid order) and read these instead of probing every pair of the split
      -- against the materialised match list (see countByStatus in pairList.ts).
      CREATE INDEX pairs_pk_filters ON pairs(pk, split, status, granularity, target_count, flags, reviewer);
    `,
  },
  {
    version: 9,
    description: "sessions.last_seen_at (idle timeout); comments.edited_at (comment edits)",
    sql: `
      -- When the session was last used (noted at most once a minute); sessions from before count
      -- as last seen at login.
      ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
      UPDATE sessions SET last_seen_at = created_at;
      -- When the author last edited the comment; null: never edited.
      ALTER TABLE comments ADD COLUMN edited_at TEXT;
    `,
  },
];

export function migrate(db: Database.Database): number {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  const row = db.prepare<[], { version: number }>("SELECT max(version) AS version FROM schema_version").get();
  let current = row?.version ?? 0;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw schemaTooNew(current, newest);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(migration.version);
    }).immediate();
    current = migration.version;
  }
  return current;
}
