import { api, data } from '../../api/client.ts';

/**
 * Reads of a draft that start before their page is on screen: a draft opened by its address asks the
 * server for the draft and its file at once, while the app's code is still being run, instead of once
 * the page has mounted. The page's first read of the same key takes the answer over; later reads ask
 * the server again (the page keeps what it read, see DraftWorkspacePage).
 */
const early = new Map<string, { at: number; answer: Promise<unknown> }>();
const EARLY_FOR_MS = 10_000;

function startEarly(key: readonly unknown[], read: () => Promise<unknown>): void {
  const answer = read();
  answer.catch(() => undefined); // (a refusal is the page's to show when it takes the answer)
  early.set(JSON.stringify(key), { at: Date.now(), answer });
}

function takeEarly<T>(key: readonly unknown[], read: () => Promise<T>): Promise<T> {
  const k = JSON.stringify(key);
  const hit = early.get(k);
  early.delete(k);
  return hit && Date.now() - hit.at < EARLY_FOR_MS ? (hit.answer as Promise<T>) : read();
}

const readDraft = (id: string) => data(api.GET('/api/drafts/{id}', { params: { path: { id } } }));
const readFile = (draftId: string, path: string) => data(api.GET('/api/drafts/{id}/files/{path}', { params: { path: { id: draftId, path } } }));

/** The draft's detail (files, problems, revision). */
export const draftQuery = (id: string) => ({
  queryKey: ['draft', id] as const,
  queryFn: () => takeEarly(['draft', id], () => readDraft(id)),
});

/** One file of a draft as read from the server (kept as read: a save updates it, never a refetch). */
export const draftFileQuery = (draftId: string, path: string) => ({
  queryKey: ['draft-file', draftId, path] as const,
  staleTime: Infinity,
  queryFn: () => takeEarly(['draft-file', draftId, path], () => readFile(draftId, path)),
});

/** Starts reading the draft the page will show, and the file it names. */
export function readDraftEarly(id: string, file: string | null): void {
  startEarly(['draft', id], () => readDraft(id));
  if (file) startEarly(['draft-file', id, file], () => readFile(id, file));
}
