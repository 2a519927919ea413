// The browser's IndexedDB, as three promises: the app keeps the user's work here so that it
// survives a reload or a crash. Bound from storage.rs; nothing here leaves the device.
const DB = 'trustdraft';
const STORE = 'kv';

function open() {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

function request(mode, act) {
  return open().then((db) => new Promise((ok, fail) => {
    const tx = db.transaction(STORE, mode);
    const req = act(tx.objectStore(STORE));
    tx.oncomplete = () => { db.close(); ok(req.result); };
    tx.onerror = () => { db.close(); fail(tx.error); };
    tx.onabort = () => { db.close(); fail(tx.error ?? new Error('storage transaction aborted')); };
  }));
}

export function idbPut(key, value) { return request('readwrite', (s) => s.put(value, key)); }
export function idbGet(key) { return request('readonly', (s) => s.get(key)); }
export function idbDelete(key) { return request('readwrite', (s) => s.delete(key)); }

export async function persistStorage() {
  if (navigator.storage && navigator.storage.persist) return navigator.storage.persist();
  return false;
}
