// Keys that list newest first: Forge KVS queries return keys in ascending order only.
const MAX_TIME = 9_999_999_999_999;

/** 13 digits that sort descending by time. */
export function newestFirst(epochMs: number): string {
  return String(MAX_TIME - epochMs).padStart(13, '0');
}

export function fromNewestFirst(segment: string): number {
  return MAX_TIME - Number(segment);
}
