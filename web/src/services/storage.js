// The browser's IndexedDB, as promises: the app keeps the user's work here so that it survives
// a reload or a crash. Bound from storage.rs; nothing here leaves the device.
//
// Every call gives up after TIMEOUT_MS with a TimeoutError: a store that never answers (a
// damaged profile, a blocked database) is reported instead of waited for forever. Values are
// saved with a revision beside them (`KEY:rev`), written in the same transaction, so that a tab
// saving over another tab's newer save is told (and merges) instead of overwriting it.
const DB = 'trustdraft';
const STORE = 'kv';
const TIMEOUT_MS = 4000;

function timed(promise) {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      fail(new DOMException(`the browser's storage did not answer within ${TIMEOUT_MS / 1000} seconds`, 'TimeoutError'));
    }, TIMEOUT_MS);
    promise.then((v) => { clearTimeout(timer); ok(v); }, (e) => { clearTimeout(timer); fail(e); });
  });
}

function open() {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

// Runs `act(store, done, failWith)` in one transaction; resolves to what `done` was given. An
// exception (a full quota throws from put) aborts the transaction and is what the caller gets.
function transaction(mode, act) {
  return timed(open().then((db) => new Promise((ok, fail) => {
    const tx = db.transaction(STORE, mode);
    let result;
    let failure = null;
    const failWith = (e) => { failure = e; try { tx.abort(); } catch { /* already finished */ } };
    tx.oncomplete = () => { db.close(); ok(result); };
    tx.onerror = () => { db.close(); fail(failure ?? tx.error); };
    tx.onabort = () => { db.close(); fail(failure ?? tx.error ?? new Error('storage transaction aborted')); };
    try { act(tx.objectStore(STORE), (r) => { result = r; }, failWith); } catch (e) { failWith(e); }
  })));
}

export function idbPut(key, value) { return transaction('readwrite', (s) => { s.put(value, key); }); }
export function idbDelete(key) { return transaction('readwrite', (s) => { s.delete(key); }); }
export function idbGet(key) {
  return transaction('readonly', (s, done) => { const r = s.get(key); r.onsuccess = () => done(r.result); });
}

/** The value of `key` and its revision ('' when none): [value, rev]. */
export function idbGetWithRev(key) {
  return transaction('readonly', (s, done) => {
    const value = s.get(key);
    const rev = s.get(`${key}:rev`);
    rev.onsuccess = () => done([value.result, rev.result ?? '']);
  });
}

/** Writes `value` (null: deletes it) with revision `next` if the stored revision is still
 *  `expected`; resolves to null when written, else to the revision found (nothing written). */
export function idbPutIfRev(key, value, expected, next) {
  return transaction('readwrite', (s, done, failWith) => {
    const rev = s.get(`${key}:rev`);
    rev.onsuccess = () => {
      try {
        const found = rev.result ?? '';
        if (found !== expected) { done(found); return; }
        if (value === null) s.delete(key); else s.put(value, key);
        s.put(next, `${key}:rev`);
        done(null);
      } catch (e) { failWith(e); }
    };
  });
}

export function persistStorage() {
  if (!(navigator.storage && navigator.storage.persist)) return Promise.resolve(false);
  return timed(navigator.storage.persist());
}
