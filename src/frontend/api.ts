import { invoke } from '@forge/bridge';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DataOf, PayloadOf, ResolverKey } from '../admin/resolver-definitions';
import type { ResolverError, ResolverResult } from '../admin/result';

export type { DataOf, ResolverError, ResolverKey };

/** Calls a resolver. A failed invocation (the bridge or the function itself) becomes an error result too. */
export async function call<K extends ResolverKey>(key: K, payload: PayloadOf<K>): Promise<ResolverResult<DataOf<K>>> {
  try {
    return (await invoke(key, payload as Record<string, unknown>)) as ResolverResult<DataOf<K>>;
  } catch (error) {
    return { ok: false, error: { code: 'failed', message: error instanceof Error ? error.message : String(error) } };
  }
}

export interface Loaded<T> {
  data?: T;
  error?: ResolverError;
  loading: boolean;
  reload(): void;
}

/**
 * Loads a resolver's data, again when the payload changes (compared as JSON: data of another payload is dropped) or
 * on reload() (data is kept while it loads). `skip` leaves it unloaded.
 */
export function useResolver<K extends ResolverKey>(key: K, payload: PayloadOf<K>, skip = false): Loaded<DataOf<K>> {
  const [state, setState] = useState<{ data?: DataOf<K>; error?: ResolverError; loading: boolean }>({ loading: !skip });
  const [round, setRound] = useState(0);
  const payloadJson = JSON.stringify(payload);
  const loadedPayload = useRef(payloadJson);
  useEffect(() => {
    const samePayload = loadedPayload.current === payloadJson;
    loadedPayload.current = payloadJson;
    if (skip) {
      setState({ loading: false });
      return;
    }
    let current = true;
    setState((previous) => (samePayload ? { ...previous, loading: true } : { loading: true }));
    void call(key, JSON.parse(payloadJson) as PayloadOf<K>).then((result) => {
      if (current) setState(result.ok ? { data: result.data, loading: false } : { error: result.error, loading: false });
    });
    return () => {
      current = false;
    };
  }, [key, payloadJson, skip, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { ...state, reload };
}
