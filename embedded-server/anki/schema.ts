/**
 * The Anki collection schema of a user database (`user_dbs/user_{id}.db`): tables
 * col, notes, cards, revlog, graves and seven indexes, with the same columns, types,
 * constraints and index names as the files the real server writes, so readers of
 * either target run the same queries.
 */

export const ANKI_TABLES_SQL = `
CREATE TABLE col (
    id integer primary key,
    crt integer not null,
    mod integer not null,
    scm integer not null,
    ver integer not null,
    dty integer not null,
    usn integer not null,
    ls integer not null,
    conf text not null,
    models text not null,
    decks text not null,
    dconf text not null,
    tags text not null
);
CREATE TABLE notes (
    id integer primary key,
    guid text not null,
    mid integer not null,
    mod integer not null,
    usn integer not null,
    tags text not null,
    flds text not null,
    sfld integer not null,
    csum integer not null,
    flags integer not null,
    data text not null
);
CREATE TABLE cards (
    id integer primary key,
    nid integer not null,
    did integer not null,
    ord integer not null,
    mod integer not null,
    usn integer not null,
    type integer not null,
    queue integer not null,
    due integer not null,
    ivl integer not null,
    factor integer not null,
    reps integer not null,
    lapses integer not null,
    left integer not null,
    odue integer not null,
    odid integer not null,
    flags integer not null,
    data text not null
);
CREATE TABLE revlog (
    id integer primary key,
    cid integer not null,
    usn integer not null,
    ease integer not null,
    ivl integer not null,
    lastIvl integer not null,
    factor integer not null,
    time integer not null,
    type integer not null
);
CREATE TABLE graves (
    usn integer not null,
    oid integer not null,
    type integer not null
);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`;

/** The one model every collection has; its id is a fixed string in the real server. */
export const BASIC_MODEL_ID = '1700000000001';

/** `type`/`queue` values of the cards table that the server uses. */
export const CardType = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export const CardQueue = { New: 0, Learning: 1, Review: 2, DayLearning: 3, Suspended: -1, UserBuried: -2, SchedBuried: -3 } as const;

/** Default deck of a fresh collection (MyFirstDeck) and the sample deck. */
export const FIRST_DECK_ID = 1;
export const SAMPLE_DECK_ID = 2;
